"""Product names cut short: the model often keeps a brand or a model's first part and drops
the rest ("iPhone 11" of "iPhone 11 Pro Max", "Xbox" of "Xbox One S", "Amazon" of "Amazon
Prime", "MX" of "MX Master 3"). The span is extended over the words that name a model or a
service, and the whole is a product (label "other").
"""

from __future__ import annotations

import re

#: Words that continue a product's name after a product ("iPhone 11" + "Pro Max").
_MODEL_WORDS = r"(?:Pro|Max|Plus|Mini|Lite|Ultra|Air|SE|S|X|XL|One|Edition|Master|Series)"
_AFTER_PRODUCT = re.compile(
    rf"(?:[ \t]+{_MODEL_WORDS}(?:[ \t]+\d{{1,3}}(?:\.\d)?[A-Za-z]?)?)+(?![\w-])"
)
#: Services named after a company ("Apple Pay", "HBO Go", "Amazon Prime").
_SERVICES = r"(?:TV\+?|Watch|Pay|Music|Arcade|Maps|Go|Now|Prime|Plus|Max|VR|Drive|Docs)"
_AFTER_COMPANY = re.compile(rf"[ \t]+{_SERVICES}(?![\w-])(?:[ \t]+{_MODEL_WORDS}(?![\w-]))*")


def extend_models(text: str, spans: list[list]) -> None:
    """Extend products over their model words and companies over a service's name, in
    place ([start, end, label] spans, sorted); never into the next span."""
    for i, span in enumerate(spans):
        s, e, label = span
        if label == "other":
            m = _AFTER_PRODUCT.match(text, e)
        elif label == "org" and " " not in text[s:e]:
            m = _AFTER_COMPANY.match(text, e)
        else:
            continue
        if not m:
            continue
        end = m.end()
        if i + 1 < len(spans) and spans[i + 1][0] < end:
            continue
        span[1], span[2] = end, "other"
