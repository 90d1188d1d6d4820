"""The date grammar (find_dates, no spaCy) and the iom_dates component.

Sentences are written for these tests in the style of French press releases; none is copied from the corpus.
MUST_FIND rows: (text, publication date or None, [(span text, start_char, end_char, start ISO, end ISO), ...]).
"""
from __future__ import annotations

import time
from datetime import date

import pytest

from iomextract.components.dates_grammar import DateMatch, find_dates, load_grammar, parse_published


MUST_FIND = [
    ('La conférence se tiendra le 17 mars 2016 à Dakar.', None,
     [('le 17 mars 2016', 25, 40, '2016-03-17', '2016-03-17')]),
    ('Les équipes sont arrivées 17 mars à Goma.', None,
     [('17 mars', 26, 33, '--03-17', '--03-17')]),
    ('Le centre ouvrira le 1er avril.', None,
     [('le 1er avril', 18, 30, '--04-01', '--04-01')]),
    ('Il aura lieu le lundi 3 juin à Niamey.', None,
     [('le lundi 3 juin', 13, 28, '--06-03', '--06-03')]),
    ('Vendredi 14 octobre, les familles ont reçu des kits.', None,
     [('Vendredi 14 octobre', 0, 19, '--10-14', '--10-14')]),
    ("Le 03 avril 2024, une réunion de coordination s'est tenue à Garoua.", None,
     [('Le 03 avril 2024', 0, 16, '2024-04-03', '2024-04-03')]),
    ('Le rapport publié le 17/03/2016 indique une hausse.', None,
     [('le 17/03/2016', 18, 31, '2016-03-17', '2016-03-17')]),
    ('Une distribution a eu lieu (01/11) dans le camp de Kousseri.', None,
     [('(01/11)', 27, 34, '--11-01', '--11-01')]),
    ('Les autorités ont annoncé hier, 28 juillet, la fermeture du site.', None,
     [('hier, 28 juillet', 26, 42, '--07-28', '--07-28')]),
    ('La caravane partira demain, 17 août, de Bamako.', None,
     [('demain, 17 août', 20, 35, '--08-17', '--08-17')]),
    ("L'attaque a eu lieu hier (1er mars) vers midi.", None,
     [('hier (1er mars)', 20, 35, '--03-01', '--03-01')]),
    ('Un atelier se tiendra du 24 au 26 mars à Lomé.', None,
     [('du 24 au 26 mars', 22, 38, '--03-24', '--03-26')]),
    ('La mission a duré du 30 mars au 2 avril 2016.', None,
     [('du 30 mars au 2 avril 2016', 18, 44, '2016-03-30', '2016-04-02')]),
    ('Les inscriptions sont ouvertes entre le 3 et le 5 mai.', None,
     [('entre le 3 et le 5 mai', 31, 53, '--05-03', '--05-05')]),
    ('Les cyclones ont frappé Madagascar et le Mozambique (les 21 et 24 février respectivement).', None,
     [('les 21', 53, 59, '--02-21', '--02-21'), ('24 février', 63, 73, '--02-24', '--02-24')]),
    ('Du 19 au 26 juin, 300 kits ont été remis aux familles.', None,
     [('Du 19 au 26 juin', 0, 16, '--06-19', '--06-26')]),
    ('Le programme a couru entre mai 2017 et mai 2019 dans six pays.', None,
     [('entre mai 2017 et mai 2019', 21, 47, '2017-05', '2019-05')]),
    ("Le camp restera ouvert jusqu'au 16 janvier 2017.", None,
     [("jusqu'au 16 janvier 2017", 23, 47, '2017-01-16', '2017-01-16')]),
    ('Le camp restera ouvert jusqu’au 16 janvier 2017.', None,
     [('jusqu’au 16 janvier 2017', 23, 47, '2017-01-16', '2017-01-16')]),
    ('Les arrivées augmentent depuis le 5 avril.', None,
     [('depuis le 5 avril', 24, 41, '--04-05', '--04-05')]),
    ('Le bureau est actif depuis avril 2015.', None,
     [('depuis avril 2015', 20, 37, '2015-04', '2015-04')]),
    ('Deux missions ont eu lieu les 27-29 août.', None,
     [('les 27-29 août', 26, 40, '--08-27', '--08-29')]),
    ('Une visite est prévue 5-6 septembre à Gitega.', None,
     [('5-6 septembre', 22, 35, '--09-05', '--09-06')]),
    ("La période s'étend de juillet 2020 à juin 2023.", None,
     [('de juillet 2020 à juin 2023', 19, 46, '2020-07', '2023-06')]),
    ('Le bureau a ouvert en janvier 2010.', None,
     [('en janvier 2010', 19, 34, '2010-01', '2010-01')]),
    ('Le chiffre date de mars 2016.', None,
     [('mars 2016', 19, 28, '2016-03', '2016-03')]),
    ("Selon un rapport d'août 2020, la situation empire.", None,
     [('août 2020', 19, 28, '2020-08', '2020-08')]),
    ('Le rapport du 5 sept. 2016 le confirme.', None,
     [('du 5 sept. 2016', 11, 26, '2016-09-05', '2016-09-05')]),
    ('Signé le 12 févr. 2018 à Tunis.', None,
     [('le 12 févr. 2018', 6, 22, '2018-02-12', '2018-02-12')]),
    ('Le 4 fevrier 2015, trois bateaux ont accosté.', None,
     [('Le 4 fevrier 2015', 0, 17, '2015-02-04', '2015-02-04')]),
    ('Le 15 aout 2014, le centre a fermé.', None,
     [('Le 15 aout 2014', 0, 15, '2014-08-15', '2014-08-15')]),
    ("LE 9 DÉCEMBRE 2019, LA RÉUNION S'EST OUVERTE.", None,
     [('LE 9 DÉCEMBRE 2019', 0, 18, '2019-12-09', '2019-12-09')]),
    ('Le 2 Novembre 2007, les premiers départs.', None,
     [('Le 2 Novembre 2007', 0, 18, '2007-11-02', '2007-11-02')]),
    ('Le premier mai 2018, le centre a ouvert.', None,
     [('Le premier mai 2018', 0, 19, '2018-05-01', '2018-05-01')]),
    ('La fête du vingt-cinq décembre a été annulée.', None,
     [('du vingt-cinq décembre', 8, 30, '--12-25', '--12-25')]),
    ('Le dossier du 17 oct 2016 est clos.', None,
     [('du 17 oct 2016', 11, 25, '2016-10-17', '2016-10-17')]),
    ('Les pluies ont commencé à la mi-mars 2016.', None,
     [('à la mi-mars 2016', 24, 41, '2016-03', '2016-03')]),
    ('La saison se termine fin juin 2015.', None,
     [('fin juin 2015', 21, 34, '2015-06', '2015-06')]),
    ('Dans la matinée du 28 septembre, un atelier a réuni vingt agents.', None,
     [('Dans la matinée du 28 septembre', 0, 31, '--09-28', '--09-28')]),
    ("D'après les chiffres, au 11 octobre 2017, 98 000 personnes étaient arrivées.", None,
     [('au 11 octobre 2017', 22, 40, '2017-10-11', '2017-10-11')]),
    ('Les deux parties ont signé en septembre 2007 un accord.', None,
     [('en septembre 2007', 27, 44, '2007-09', '2007-09')]),
    ('Les combats ont éclaté le 21 avril\n2012 près de la frontière.', None,
     [('le 21 avril\n2012', 23, 39, '2012-04-21', '2012-04-21')]),
    ('Une antenne a ouvert en décembre\n2007 à Damak.', None,
     [('en décembre\n2007', 21, 37, '2007-12', '2007-12')]),
    ('DAKAR, le 5 juillet 2017 - Les enfants restent exposés.', None,
     [('le 5 juillet 2017', 7, 24, '2017-07-05', '2017-07-05')]),
    ('GENÈVE, 17 décembre 2019 – La Banque a annoncé un appui.', None,
     [('17 décembre 2019', 8, 24, '2019-12-17', '2019-12-17')]),
    ("Publié\n\n25/06/2010\n\nLa crise s'aggrave.", None,
     [('25/06/2010', 8, 18, '2010-06-25', '2010-06-25')]),
    ('Le texte adopté le 17.03.2016 prévoit un fonds.', None,
     [('le 17.03.2016', 16, 29, '2016-03-17', '2016-03-17')]),
    ('Le texte adopté le 17-03-2016 prévoit un fonds.', None,
     [('le 17-03-2016', 16, 29, '2016-03-17', '2016-03-17')]),
    ('Mise à jour le 2016-03-17 par le bureau.', None,
     [('le 2016-03-17', 12, 25, '2016-03-17', '2016-03-17')]),
    ('Le rapport du 08/03/18 le confirme.', None,
     [('du 08/03/18', 11, 22, '2018-03-08', '2018-03-08')]),
    ('Le rapport du 8/3/2018 le confirme.', None,
     [('du 8/3/2018', 11, 22, '2018-03-08', '2018-03-08')]),
    ('La campagne a duré du 28 décembre au 3 janvier 2017.', None,
     [('du 28 décembre au 3 janvier 2017', 19, 51, '2016-12-28', '2017-01-03')]),
    ('Les cours ont lieu du samedi 3 au lundi 5 juin.', None,
     [('du samedi 3 au lundi 5 juin', 19, 46, '--06-03', '--06-05')]),
    ('Les pluies sont tombées dans la nuit du 3 au 4 juin.', None,
     [('dans la nuit du 3 au 4 juin', 24, 51, '--06-03', '--06-04')]),
    ('Les votes ont eu lieu les 3, 4 et 5 mai 2016.', None,
     [('les 3', 22, 27, '2016-05-03', '2016-05-03'), ('4', 29, 30, '2016-05-04', '2016-05-04'), ('5 mai 2016', 34, 44, '2016-05-05', '2016-05-05')]),
    ('Les formations ont lieu samedi 3 et dimanche 4 juin.', None,
     [('samedi 3', 24, 32, '--06-03', '--06-03'), ('dimanche 4 juin', 36, 51, '--06-04', '--06-04')]),
    ('La récolte de janvier-mars 2016 a été faible.', None,
     [('janvier-mars 2016', 14, 31, '2016-01', '2016-03')]),
    ("La récolte d'avril à juin 2016 a été faible.", None,
     [("d'avril à juin 2016", 11, 30, '2016-04', '2016-06')]),
    ('Le projet a couru mai 2017-mai 2019.', None,
     [('mai 2017-mai 2019', 18, 35, '2017-05', '2019-05')]),
    ("L'enquête s'est déroulée entre le 30 mars et le 2 avril 2016.", None,
     [('entre le 30 mars et le 2 avril 2016', 25, 60, '2016-03-30', '2016-04-02')]),
    ('Les visas seront délivrés à partir du 1er juillet 2018.', None,
     [('à partir du 1er juillet 2018', 26, 54, '2018-07-01', '2018-07-01')]),
    ('Les départs reprendront dès le 2 mai.', None,
     [('dès le 2 mai', 24, 36, '--05-02', '--05-02')]),
    ("Tout sera prêt d'ici le 31 décembre 2020.", None,
     [("d'ici le 31 décembre 2020", 15, 40, '2020-12-31', '2020-12-31')]),
    ("Il faut s'inscrire avant le 15 mars 2019.", None,
     [('avant le 15 mars 2019', 19, 40, '2019-03-15', '2019-03-15')]),
    ('Le 29 février 2016, un bateau a chaviré.', None,
     [('Le 29 février 2016', 0, 18, '2016-02-29', '2016-02-29')]),
    ('Le 29 février, un bateau a chaviré.', None,
     [('Le 29 février', 0, 13, '--02-29', '--02-29')]),
    ("Le recensement s'est achevé le 31 janvier.", None,
     [('le 31 janvier', 28, 41, '--01-31', '--01-31')]),
    ('Le 1 er mars 2017, la frontière a rouvert.', None,
     [('Le 1 er mars 2017', 0, 17, '2017-03-01', '2017-03-01')]),
    ('Le 1ᵉʳ juin 2020, la frontière a rouvert.', None,
     [('Le 1ᵉʳ juin 2020', 0, 16, '2020-06-01', '2020-06-01')]),
    ('Le 1re juin 2020, la frontière a rouvert.', None,
     [('Le 1re juin 2020', 0, 16, '2020-06-01', '2020-06-01')]),
    ('Les sessions auront lieu entre le 3 et le 5 mai 2016.', None,
     [('entre le 3 et le 5 mai 2016', 25, 52, '2016-05-03', '2016-05-05')]),
    ("Le forum s'est tenu du 24 au 26 mars 2015.", None,
     [('du 24 au 26 mars 2015', 20, 41, '2015-03-24', '2015-03-26')]),
    ('La foire se tiendra du 2 au 6 décembre.', None,
     [('du 2 au 6 décembre', 20, 38, '--12-02', '--12-06')]),
    ('La foire se tiendra du 30 novembre au 2 décembre.', None,
     [('du 30 novembre au 2 décembre', 20, 48, '--11-30', '--12-02')]),
    ('Les élections des 12 et 13 juillet 2019 se sont bien passées.', None,
     [('12', 18, 20, '2019-07-12', '2019-07-12'), ('13 juillet 2019', 24, 39, '2019-07-13', '2019-07-13')]),
    ("Le séisme s'est produit le 6 juin, aggravant la crise.", None,
     [('le 6 juin', 24, 33, '--06-06', '--06-06')]),
    ('Les camions sont arrivés le 12 octobre.', None,
     [('le 12 octobre', 25, 38, '--10-12', '--10-12')]),
    ('Les chiffres communiqués jeudi 12 octobre par le bureau.', None,
     [('jeudi 12 octobre', 25, 41, '--10-12', '--10-12')]),
    ('La distribution a débuté\nlundi 23 avril.', None,
     [('lundi 23 avril', 25, 39, '--04-23', '--04-23')]),
    ('Des kits ont été distribués le 19 juin 2015 à Mora.', None,
     [('le 19 juin 2015', 28, 43, '2015-06-19', '2015-06-19')]),
    ("La cérémonie s'est tenue le 29 novembre 2024 à Bobo.", None,
     [('le 29 novembre 2024', 25, 44, '2024-11-29', '2024-11-29')]),
    ('Le 23 octobre 2019, les premiers convois sont partis.', None,
     [('Le 23 octobre 2019', 0, 18, '2019-10-23', '2019-10-23')]),
    ("L'usine a fermé en mai 2018.", None,
     [('en mai 2018', 16, 27, '2018-05', '2018-05')]),
    ('En Mars 2020, les frontières ont fermé.', None,
     [('En Mars 2020', 0, 12, '2020-03', '2020-03')]),
    ('Les pluies ont cessé au mois de juin 2014.', None,
     [('au mois de juin 2014', 21, 41, '2014-06', '2014-06')]),
    ('Les travaux se feront courant juillet 2016.', None,
     [('courant juillet 2016', 22, 42, '2016-07', '2016-07')]),
    ('Le chantier a démarré début avril 2017.', None,
     [('début avril 2017', 22, 38, '2017-04', '2017-04')]),
    ('Les flux ont doublé depuis le mois de mars 2015.', None,
     [('depuis le mois de mars 2015', 20, 47, '2015-03', '2015-03')]),
    ("Le décret du 2 janv. 2019 l'autorise.", None,
     [('du 2 janv. 2019', 10, 25, '2019-01-02', '2019-01-02')]),
    ('La fête du 14 juil. 2018 a été annulée.', None,
     [('du 14 juil. 2018', 8, 24, '2018-07-14', '2018-07-14')]),
    ('Le courrier du 3 avr. 2017 est arrivé.', None,
     [('du 3 avr. 2017', 12, 26, '2017-04-03', '2017-04-03')]),
    ('La note du 22 déc. 2016 est parue.', None,
     [('du 22 déc. 2016', 8, 23, '2016-12-22', '2016-12-22')]),
    ('La note du 11 nov. 2018 est parue.', None,
     [('du 11 nov. 2018', 8, 23, '2018-11-11', '2018-11-11')]),
    ('La note du 30 sept. 2015 est parue.', None,
     [('du 30 sept. 2015', 8, 24, '2015-09-30', '2015-09-30')]),
    ('La note du 8 févr. est parue.', None,
     [('du 8 févr.', 8, 18, '--02-08', '--02-08')]),
    ('Un rapport paru le 08/03/2018 le souligne.', None,
     [('le 08/03/2018', 16, 29, '2018-03-08', '2018-03-08')]),
    ('Un point de situation (15/09) a été diffusé.', None,
     [('(15/09)', 22, 29, '--09-15', '--09-15')]),
    ('Les chiffres du 01/11 montrent une baisse.', None,
     [('du 01/11', 13, 21, '--11-01', '--11-01')]),
    ('Le 5 mai 2018 et le 7 juin 2018, deux convois sont partis.', None,
     [('Le 5 mai 2018', 0, 13, '2018-05-05', '2018-05-05'), ('le 7 juin 2018', 17, 31, '2018-06-07', '2018-06-07')]),
    ('La campagne a lieu entre le 1er et le 15 août 2016.', None,
     [('entre le 1er et le 15 août 2016', 19, 50, '2016-08-01', '2016-08-15')]),
    ('Des visites ont eu lieu les 27 - 29 août.', None,
     [('les 27 - 29 août', 24, 40, '--08-27', '--08-29')]),
    ('Des visites ont eu lieu 27–29 août.', None,
     [('27–29 août', 24, 34, '--08-27', '--08-29')]),
    ('Le salon ouvrira du lundi 3 au vendredi 7 octobre 2016.', None,
     [('du lundi 3 au vendredi 7 octobre 2016', 17, 54, '2016-10-03', '2016-10-07')]),
    ('Le vol est parti le 12 octobre 2017 à 10h15.', None,
     [('le 12 octobre 2017', 17, 35, '2017-10-12', '2017-10-12')]),
    ('Les 14, 15, 16, 17, 18 et 19 mars, des équipes mobiles ont sillonné la région.', None,
     [('Les 14', 0, 6, '--03-14', '--03-14'), ('15', 8, 10, '--03-15', '--03-15'), ('16', 12, 14, '--03-16', '--03-16'), ('17', 16, 18, '--03-17', '--03-17'), ('18', 20, 22, '--03-18', '--03-18'), ('19 mars', 26, 33, '--03-19', '--03-19')]),
    ('Au cours de la nuit du 30 au 31 décembre 2015, un incendie a détruit le camp.', None,
     [('Au cours de la nuit du 30 au 31 décembre 2015', 0, 45, '2015-12-30', '2015-12-31')]),
    ('Le 6 juin, puis le 9 juin, la terre a tremblé.', None,
     [('Le 6 juin', 0, 9, '--06-06', '--06-06'), ('le 9 juin', 16, 25, '--06-09', '--06-09')]),
    ('Le 12 mai : ouverture ; le 3 juin : clôture.', None,
     [('Le 12 mai', 0, 9, '--05-12', '--05-12'), ('le 3 juin', 24, 33, '--06-03', '--06-03')]),
    ('Le 24 février. Photo : OIM/Maputo', None,
     [('Le 24 février', 0, 13, '--02-24', '--02-24')]),
    ('Le 8 mars 2017, journée des femmes, a été célébré.', None,
     [('Le 8 mars 2017', 0, 14, '2017-03-08', '2017-03-08')]),
    ('Ce lundi 3 juin, les équipes sont parties.', None,
     [('Ce lundi 3 juin', 0, 15, '--06-03', '--06-03')]),
    ('Le centre a accueilli 200 personnes le 4 juillet 2016.', None,
     [('le 4 juillet 2016', 36, 53, '2016-07-04', '2016-07-04')]),
    ('Le vol du 3 mars 2016 transportait 150 migrants.', None,
     [('du 3 mars 2016', 7, 21, '2016-03-03', '2016-03-03')]),
    ('Le 31 août et le 7 septembre 2017, deux missions ont eu lieu.', None,
     [('Le 31 août', 0, 10, '2017-08-31', '2017-08-31'), ('le 7 septembre 2017', 14, 33, '2017-09-07', '2017-09-07')]),
    ('Du 19 au 26 juin, 250 kits ont été remis, dont 100 le 19 juin 2015.', None,
     [('Du 19 au 26 juin', 0, 16, '2015-06-19', '2015-06-26'), ('le 19 juin 2015', 51, 66, '2015-06-19', '2015-06-19')]),
    ('Le 31 août, une réunion a eu lieu. Le 7 septembre 2017, un accord a été signé.', None,
     [('Le 31 août', 0, 10, '--08-31', '--08-31'), ('Le 7 septembre 2017', 35, 54, '2017-09-07', '2017-09-07')]),
    ('Entre le 3 mai 2015 et le 4 juin 2016, puis le 5 juillet, trois vagues sont arrivées.', None,
     [('Entre le 3 mai 2015 et le 4 juin 2016', 0, 37, '2015-05-03', '2016-06-04'), ('le 5 juillet', 44, 56, '--07-05', '--07-05')]),
    ("Une réunion s'est tenue le 28 décembre.", '2017-01-05',
     [('le 28 décembre', 24, 38, '2016-12-28', '2016-12-28')]),
    ("Une réunion s'est tenue le 3 janvier.", '2017-01-05',
     [('le 3 janvier', 24, 36, '2017-01-03', '2017-01-03')]),
    ('Une réunion se tiendra le 5 janvier.', '2016-12-20',
     [('le 5 janvier', 23, 35, '2017-01-05', '2017-01-05')]),
    ('Les autorités ont annoncé hier, 28 juillet, la fermeture.', '2016-07-29',
     [('hier, 28 juillet', 26, 42, '2016-07-28', '2016-07-28')]),
    ("L'attaque a eu lieu hier (1er mars).", '2016-03-02',
     [('hier (1er mars)', 20, 35, '2016-03-01', '2016-03-01')]),
    ('La campagne a duré du 28 décembre au 3 janvier.', '2017-01-05',
     [('du 28 décembre au 3 janvier', 19, 46, '2016-12-28', '2017-01-03')]),
    ('Un atelier se tiendra du 24 au 26 mars.', '2016-03-01',
     [('du 24 au 26 mars', 22, 38, '2016-03-24', '2016-03-26')]),
    ('Le bateau a chaviré le 17 mars dernier.', '2017-05-10',
     [('le 17 mars dernier', 20, 38, '2017-03-17', '2017-03-17')]),
    ('Le bateau a chaviré le 17 mars dernier.', '2017-03-10',
     [('le 17 mars dernier', 20, 38, '2016-03-17', '2016-03-17')]),
    ('Le forum ouvrira le 17 mars prochain.', '2017-03-10',
     [('le 17 mars prochain', 17, 36, '2017-03-17', '2017-03-17')]),
    ('Le centre a ouvert en mars dernier.', '2017-05-10',
     [('en mars dernier', 19, 34, '2017-03', '2017-03')]),
    ('Le centre a ouvert en mars dernier.', '2017-02-10',
     [('en mars dernier', 19, 34, '2016-03', '2016-03')]),
    ('Entre janvier et avril de cette année, 2 000 migrants sont passés.', '2013-06-01',
     [('Entre janvier et avril de cette année', 0, 37, '2013-01', '2013-04')]),
    ("Le camp a fermé en juin de l'année dernière.", '2017-05-10',
     [("en juin de l'année dernière", 16, 43, '2016-06', '2016-06')]),
    ('Les chiffres ont été publiés jeudi 12 octobre.', '2017-10-13',
     [('jeudi 12 octobre', 29, 45, '2017-10-12', '2017-10-12')]),
    ("La session s'ouvrira le lundi 3 juin.", '2018-12-01',
     [('le lundi 3 juin', 21, 36, '2019-06-03', '2019-06-03')]),
    ('Le séisme du 6 juin a fait des victimes.', '2016-06-20',
     [('du 6 juin', 10, 19, '2016-06-06', '2016-06-06')]),
    ('Le 17 mars 2016, le bureau a ouvert.', '2019-01-01',
     [('Le 17 mars 2016', 0, 15, '2016-03-17', '2016-03-17')]),
    ('Le 3 mai, puis le 5 mai 2016, deux convois sont partis.', '2019-01-01',
     [('Le 3 mai', 0, 8, '2016-05-03', '2016-05-03'), ('le 5 mai 2016', 15, 28, '2016-05-05', '2016-05-05')]),
    ('Le bureau a été attaqué hier.', '2017-01-05',
     [('hier', 24, 28, '2017-01-04', '2017-01-04')]),
    ('Le convoi partira demain.', '2017-01-05',
     [('demain', 18, 24, '2017-01-06', '2017-01-06')]),
    ('Le convoi est parti avant-hier.', '2017-01-05',
     [('avant-hier', 20, 30, '2017-01-03', '2017-01-03')]),
    ("Le bureau a lancé aujourd'hui une campagne.", '2017-01-05',
     [("aujourd'hui", 18, 29, '2017-01-05', '2017-01-05')]),
    ('Le centre a ouvert lundi dernier.', '2017-01-05',
     [('lundi dernier', 19, 32, '2017-01-02', '2017-01-02')]),
    ('Le centre a ouvert jeudi dernier.', '2017-01-05',
     [('jeudi dernier', 19, 32, '2016-12-29', '2016-12-29')]),
    ('Le centre ouvrira vendredi prochain.', '2017-01-05',
     [('vendredi prochain', 18, 35, '2017-01-06', '2017-01-06')]),
    ('Trois employés ont été tués samedi.', '2017-01-05',
     [('samedi', 28, 34, '2016-12-31', '2016-12-31')]),
    ('Le bureau a publié la semaine dernière un rapport.', '2017-01-05',
     [('la semaine dernière', 19, 38, '2016-12-26', '2017-01-01')]),
    ('Plus tôt ce mois-ci, le bureau a ouvert.', '2017-01-05',
     [('Plus tôt ce mois-ci', 0, 19, '2017-01', '2017-01')]),
    ('Le mois dernier, le bureau a ouvert.', '2017-01-05',
     [('Le mois dernier', 0, 15, '2016-12', '2016-12')]),
    ('Le centre a rouvert hier soir.', '2017-01-05',
     [('hier soir', 20, 29, '2017-01-04', '2017-01-04')]),
    ('De janvier à mars, puis le 5 avril 2016, trois convois sont partis.', None,
     [('De janvier à mars', 0, 17, '2016-01', '2016-03'), ('le 5 avril 2016', 24, 39, '2016-04-05', '2016-04-05')]),
    ('La foire a eu lieu du 24 février-2 mars.', None,
     [('du 24 février-2 mars', 19, 39, '--02-24', '--03-02')]),
    # a bare year in the sentence does not give its year to a date
    ("L'organisation, fondée en 1951, a ouvert un bureau le 3 mars.", None,
     [('le 3 mars', 51, 60, '--03-03', '--03-03')]),
]

MUST_NOT_FIND = [
    "L'organisation, fondée depuis 1951, compte 166 États membres.",
    'En 2013, le nombre a doublé.',
    'Le Programme 2030 pour le développement durable.',
    "L'Agenda 2063 de l'Union africaine.",
    'Tél. +234 706 338 32 21',
    'Poste 32 21 au standard.',
    'La route fait 2 985 km de long.',
    'Au total, 142 913 migrants sont arrivés.',
    'Le fonds compte 1 005 000 dollars.',
    'Au premier trimestre 2013, les arrivées ont baissé.',
    "L'atelier a duré pendant trois jours.",
    'Compte n° 0123 4567 8901 2345, banque centrale.',
    "Un séisme de 4,9 sur l'échelle de Richter.",
    'La version 3.8.0 du logiciel.',
    'La pandémie de COVID-19 a freiné les départs.',
    "Dans le cadre d'IDA-19, le fonds grandit.",
    "Une ligne d'écoute ouverte 24/7.",
    'Près de 2/3 des ménages sont touchés.',
    'Tél. : + 593 2-22-53-948/49',
    'Fax : +41 22 717 91 11',
    'Portable : 06.12.10.53.22',
    'Ligne : 01-12-10-53',
    'Le ratio est de 12/15 pour cette école.',
    'Une erreur de saisie : le 31 avril.',
    'Une erreur de saisie : le 30 février.',
    "Au cours du mois d'août, les équipes ont visité 12 sites.",
    'En août, les équipes ont visité 12 sites.',
    'Cette année, le nombre a doublé.',
    "L'année dernière, 3 000 personnes sont parties.",
    'Depuis début 2017, la situation se dégrade.',
    "À la fin de l'année 2005, le camp a fermé.",
    'Les violences de 2006 ont déplacé des milliers de familles.',
    'Les réfugiés vivent dans sept camps depuis 17 ans.',
    'Le bâtiment est neuf et la décision est prise.',
    'Le port de Marseille et le marché de Maiduguri.',
    'Le 1er groupe est parti et le 2e suivra.',
    'Du 1 au 3 : voir le tableau.',
    'Les 3 mois de formation ont été utiles.',
    'Dans six mois, le projet sera évalué.',
    'La Stratégie 2017-2021 est adoptée.',
    'Le marqueur date 2019-10 figure en tête.',
    'Le mois de mars a été pluvieux.',
    'Les 21 et 24 ont été retenus.',
    'Environ 30 000 personnes en 2016 et 40 000 en 2017.',
    'Les 12 Mai-Mai arrêtés ont été jugés.',
    'De janvier à mars, les pluies ont manqué.',
]

# relative expressions: flagged, and never resolved without a publication date
RELATIVE = [
    ("Le bureau a été attaqué hier.", "hier"),
    ("Le convoi partira demain.", "demain"),
    ("Le bureau a lancé aujourd'hui une campagne.", "aujourd'hui"),
    ("Le centre a ouvert lundi dernier.", "lundi dernier"),
    ("Le bureau a publié la semaine dernière un rapport.", "la semaine dernière"),
    ("Plus tôt ce mois-ci, le bureau a ouvert.", "Plus tôt ce mois-ci"),
    ("Trois employés ont été tués samedi.", "samedi"),
    ("Entre janvier et avril de cette année, 2 000 migrants sont passés.", "Entre janvier et avril de cette année"),
    ("Le centre a ouvert en mars dernier.", "en mars dernier"),
]

# (text, publication date, year_source of the single match)
YEAR_SOURCES = [
    ("Le 17 mars 2016, le bureau a ouvert.", None, "expression"),
    ("Le 17 mars 2016, le bureau a ouvert.", "2019-01-01", "expression"),
    ("La mission a duré du 30 mars au 2 avril 2016.", None, "expression"),
    ("Le 17 mars, le bureau a ouvert.", None, None),
    ("Le 17 mars, le bureau a ouvert.", "2016-05-01", "published"),
    ("Le bateau a chaviré le 17 mars dernier.", None, None),
    ("Le bateau a chaviré le 17 mars dernier.", "2017-05-10", "published"),
    ("Le centre a ouvert hier.", "2017-01-05", "published"),
]


def spans(matches: list[DateMatch]) -> list[tuple]:
    return [(m.text, m.start_char, m.end_char, m.start, m.end) for m in matches]


def test_tables_are_large_enough():
    assert len(MUST_FIND) >= 120
    assert len(MUST_NOT_FIND) >= 40


@pytest.mark.parametrize("text,published,expected", MUST_FIND)
def test_finds_and_normalises(text, published, expected):
    matches = find_dates(text, published)
    assert spans(matches) == expected
    for m in matches:
        assert text[m.start_char:m.end_char] == m.text


@pytest.mark.parametrize("published", [None, "2017-01-05"])
@pytest.mark.parametrize("text", MUST_NOT_FIND)
def test_not_a_date(text, published):
    assert spans(find_dates(text, published)) == []


@pytest.mark.parametrize("text,span", RELATIVE)
def test_relative_without_publication_date_is_kept_unresolved(text, span):
    (m,) = find_dates(text, None)
    assert (m.text, m.start, m.end, m.year_source, m.relative) == (span, None, None, None, True)


@pytest.mark.parametrize("text,span", RELATIVE)
def test_relative_with_publication_date_is_resolved(text, span):
    (m,) = find_dates(text, "2017-01-05")
    assert (m.text, m.year_source, m.relative) == (span, "published", True)
    assert m.start is not None and m.end is not None


@pytest.mark.parametrize("text,published,source", YEAR_SOURCES)
def test_year_source(text, published, source):
    (m,) = find_dates(text, published)
    assert m.year_source == source
    assert m.relative is (source == "published" and "hier" in text)


def test_calendar_date_with_relative_word_is_not_relative():
    (m,) = find_dates("Les autorités ont annoncé hier, 28 juillet, la fermeture.", None)
    assert (m.text, m.start, m.relative) == ("hier, 28 juillet", "--07-28", False)


def test_publication_date_as_date_or_datetime_string():
    text = "Une réunion s'est tenue le 28 décembre."
    assert find_dates(text, date(2017, 1, 5))[0].start == "2016-12-28"
    assert find_dates(text, "2017-01-05T09:30:00Z")[0].start == "2016-12-28"


def test_invalid_publication_date_is_an_error():
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_published("5 janvier 2017")


def test_the_clock_is_never_read():
    # no publication date: a yearless day stays yearless, whatever today is
    (m,) = find_dates("Le séisme s'est produit le 6 juin.")
    assert (m.start, m.year_source) == ("--06-06", None)


def test_value_shape():
    (m,) = find_dates("Le 3 mai 2016, le camp a ouvert.")
    assert m.value() == {"start": "2016-05-03", "end": "2016-05-03", "year_source": "expression", "relative": False}


def test_mixed_case_and_unusual_lowercase_keep_offsets():
    # "İ" lower-cases to two characters: offsets must still point into the original text
    text = "İİİ Le 3 mai 2016, İstanbul."
    (m,) = find_dates(text)
    assert text[m.start_char:m.end_char] == "Le 3 mai 2016" == m.text


@pytest.mark.parametrize("chunk", [
    "du 1 au 1 au ",
    "1 2 3 4 5 6 7 8 9 ",
    "les 1, 2, 3, 4 et ",
    "hier (1er ",
    "le 1er mars 20",
    "01/01/01/01/",
    "entre mai et mai et ",
    "dans la nuit du dans la nuit du ",
    "mars mars 2016 2016 ",
])
def test_adversarial_input_is_fast(chunk):
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    grammar = load_grammar()
    t0 = time.perf_counter()
    find_dates(text, "2017-01-05", grammar=grammar)
    assert time.perf_counter() - t0 < 2.0


# ---------------------------------------------------------------------- component
@pytest.fixture(scope="module")
def dates_nlp(blank_nlp):
    import spacy

    import iomextract.components.dates  # noqa: F401  (registers the factory)

    nlp = spacy.blank("fr")
    nlp.add_pipe("iom_dates")
    return nlp


def run(nlp, text, published=None):
    doc = nlp.make_doc(text)
    if published is not None:
        doc.user_data["iom_published"] = published
    return nlp(doc)


def test_component_writes_spans_and_values(dates_nlp):
    doc = run(dates_nlp, "L'atelier aura lieu du 24 au 26 mars. Le 17 mars 2016, le bureau a ouvert.")
    got = [(s.text, s.start_char, s.end_char, s.label_, s._.iom_date) for s in doc.spans["iom_dates"]]
    assert got == [
        ("du 24 au 26 mars", 20, 36, "DATE",
         {"start": "--03-24", "end": "--03-26", "year_source": None, "relative": False}),
        ("Le 17 mars 2016", 38, 53, "DATE",
         {"start": "2016-03-17", "end": "2016-03-17", "year_source": "expression", "relative": False}),
    ]


def test_component_reads_publication_date(dates_nlp):
    doc = run(dates_nlp, "Une réunion s'est tenue le 28 décembre, et hier.", "2017-01-05")
    got = [(s.text, s._.iom_date["start"], s._.iom_date["relative"]) for s in doc.spans["iom_dates"]]
    assert got == [("le 28 décembre", "2016-12-28", False), ("hier", "2017-01-04", True)]


def test_component_list_of_days_gives_one_span_per_day(dates_nlp):
    doc = run(dates_nlp, "Les cyclones ont frappé les 21 et 24 février.")
    got = [(s.text, s._.iom_date["start"]) for s in doc.spans["iom_dates"]]
    assert got == [("les 21", "--02-21"), ("24 février", "--02-24")]


def test_component_without_dates_writes_an_empty_group(dates_nlp):
    doc = run(dates_nlp, "Tél. +234 706 338 32 21, depuis 1951.")
    assert list(doc.spans["iom_dates"]) == []


def test_component_expands_to_token_boundaries(dates_nlp):
    # the span must align with tokens even when a match ends inside one ("(01/11)" may be one token)
    doc = run(dates_nlp, "Un point de situation (01/11) a été diffusé.")
    (span,) = doc.spans["iom_dates"]
    assert "01/11" in span.text and span._.iom_date["start"] == "--11-01"


def test_component_values_survive_serialisation(dates_nlp):
    from spacy.tokens import Doc

    doc = run(dates_nlp, "Le 3 mai 2016, le camp a ouvert.")
    copy = Doc(dates_nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.iom_date["start"]) for s in copy.spans["iom_dates"]] == [("Le 3 mai 2016", "2016-05-03")]


def test_component_pipe_and_bad_publication_date(dates_nlp):
    docs = list(dates_nlp.pipe(["Le 3 mai 2016.", "Rien ici."]))
    assert [len(d.spans["iom_dates"]) for d in docs] == [1, 0]
    with pytest.raises(ValueError, match="not an ISO date"):
        run(dates_nlp, "Le 3 mai.", "hier")

