"""spaCy components, one per extracted field.

Each component writes its spans to ``doc.spans["iom_<field>"]`` and the normalised value of each span to a Span
extension named in :mod:`iomextract.components.extensions`. Components know nothing of ``Release``: turning spans
into records is :mod:`iomextract.assemble`'s job.
"""
