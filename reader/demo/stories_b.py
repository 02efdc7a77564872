"""Demo stories 5-8: the Nairobi climate talks, the Valparaíso earthquake, the Toronto
by-election and the Dublin hospitals cyberattack. Written for reader; people and outlets are
fictional. Same body format as reader.demo.stories_a.
"""

from __future__ import annotations

STORIES_B: list[dict] = [
    # --- 5. Nairobi climate talks ----------------------------------------------------------
    {
        "outlet": "meridian",
        "story": "climate",
        "hours": 92,
        "title": "Nairobi climate talks open with a fight over adaptation money",
        "author": "Jonas Albrecht",
        "body": """Delegates from 140 countries gathered in Nairobi on Monday for United \
Nations climate talks, with poorer nations demanding that rich ones double their funding for \
adaptation.

Kenya's environment minister, Grace Wanjiru, who chairs the meeting, said Africa could not \
wait for another decade of promises. Brazil and India backed her call.""",
    },
    {
        "outlet": "pacific",
        "story": "climate",
        "hours": 68,
        "title": "China and the EU clash over coal phase-out wording in Nairobi",
        "author": "Ana Ribeiro",
        "body": """Negotiators from China and the European Union argued late into the night in \
Nairobi over whether the final text should mention a date to end coal power.

Amina Diallo, who leads the United Nations climate secretariat, urged both sides to find \
language that all could accept.""",
    },
    {
        "outlet": "harbour",
        "story": "climate",
        "hours": 42,
        "title": "Island states walk out of Nairobi session",
        "author": "Marta Lindholm",
        "body": """Delegates from Tuvalu, Fiji and the Marshall Islands walked out of a \
session in Nairobi, saying a draft on loss and damage had been weakened overnight.

> We came here to survive, not to edit commas, said Fiji's envoy, Semi Tuilagi.

Grace Wanjiru said talks would continue through the weekend.""",
    },
    {
        "outlet": "northline",
        "story": "climate",
        "hours": 18,
        "title": "Nairobi deal doubles adaptation fund, drops coal date",
        "author": "Priya Castellano",
        "body": """Countries meeting in Nairobi agreed early on Sunday to double the United \
Nations adaptation fund by 2030, but dropped a date for ending coal power after objections \
from China and India.

Grace Wanjiru called the agreement \"a floor, not a ceiling\". Amina Diallo said the \
secretariat would publish a plan for the fund within six months.""",
    },
    {
        "outlet": "ledger",
        "story": "climate",
        "hours": 6,
        "title": "Who pays for the Nairobi adaptation fund?",
        "author": "Felix Hartmann",
        "body": """The deal struck in Nairobi asks Germany, Japan, the United States and \
other rich economies to provide most of the new adaptation money.

## The pledges so far

- Germany: €1.2 billion
- Japan: $800 million
- The European Investment Bank: guarantees for private lenders

The World Bank will manage part of the fund.""",
    },
    # --- 6. Valparaíso earthquake ----------------------------------------------------------
    {
        "outlet": "pacific",
        "story": "quake",
        "hours": 86,
        "title": "Magnitude 7.1 earthquake strikes off Valparaíso, Chile",
        "author": "Diego Marín",
        "body": """A magnitude 7.1 earthquake struck off the coast of Valparaíso, Chile, on \
Tuesday morning, the United States Geological Survey said.

Chile's disaster agency, SENAPRED, ordered coastal areas evacuated as a precaution. Buildings \
swayed in Santiago, 120 kilometres away.""",
    },
    {
        "outlet": "meridian",
        "story": "quake",
        "hours": 85,
        "title": "Chile earthquake: tsunami warning issued for Valparaíso coast",
        "author": "Diego Marín",
        "body": """A magnitude 7.1 earthquake struck off the coast of Valparaíso, Chile, on \
Tuesday morning, the United States Geological Survey said.

Chile's disaster agency, SENAPRED, ordered coastal areas evacuated as a precaution, and the \
Pacific Tsunami Warning Center issued a warning for the coast. Buildings swayed in Santiago.""",
    },
    {
        "outlet": "northline",
        "story": "quake",
        "hours": 80,
        "title": "Tsunami warning lifted after Chile quake; damage in Viña del Mar",
        "author": "Priya Castellano",
        "body": """The Pacific Tsunami Warning Center lifted its warning after waves of less \
than half a metre reached Valparaíso.

Interior minister Rodrigo Salas said two people had died and dozens were injured in \
Valparaíso and Viña del Mar, where a hotel facade collapsed.""",
    },
    {
        "outlet": "harbour",
        "story": "quake",
        "hours": 56,
        "title": "Valparaíso counts the cost as aftershocks continue",
        "author": "Marta Lindholm",
        "body": """More than 300 aftershocks have shaken Valparaíso since Tuesday's earthquake, \
SENAPRED said, and 1,200 people remain in shelters.

Rodrigo Salas said the government would rebuild the port's damaged cranes within months. The \
University of Chile in Santiago sent engineers to inspect historic buildings on the hills.""",
    },
    {
        "outlet": "signal",
        "story": "quake",
        "hours": 28,
        "title": "How Chile's building code kept the Valparaíso quake death toll low",
        "author": "Noah Feldman",
        "body": """Seismologists at the University of Chile credit the country's strict \
building code, rewritten after the 2010 earthquake, for the low toll in Valparaíso.

The United States Geological Survey said the quake was of a type common along the boundary \
between the Nazca and South American plates.""",
    },
    # --- 7. Toronto by-election ------------------------------------------------------------
    {
        "outlet": "ledger",
        "story": "toronto",
        "hours": 95,
        "title": "Toronto by-election: housing dominates first debate",
        "author": "Hannah Brooks",
        "body": """Housing costs dominated the first debate of Toronto's mayoral by-election, \
with councillor Priya Raman promising 25,000 new rental homes and businessman Mark Ellison \
pledging to cut development fees.

The vote follows the resignation of the previous mayor in the spring. The Toronto Transit \
Commission's budget was the other hot topic.""",
    },
    {
        "outlet": "northline",
        "story": "toronto",
        "hours": 74,
        "title": "Raman leads Ellison in new Toronto poll",
        "author": "Hannah Brooks",
        "body": """Priya Raman leads Mark Ellison by six points among decided voters, a poll \
by the Angus Reid Institute found.

Raman, a former planner, has the support of the Ontario New Democratic Party's local \
organisers, while Ellison is backed by the Toronto Region Board of Trade.""",
    },
    {
        "outlet": "harbour",
        "story": "toronto",
        "hours": 48,
        "title": "Ellison promises subway extension in bid to close gap",
        "author": "Marta Lindholm",
        "body": """Mark Ellison promised to extend the Line 2 subway to Scarborough Town Centre \
two years early if elected mayor of Toronto.

Priya Raman called the plan unfunded and said the Toronto Transit Commission needed money to \
run buses more often first.""",
    },
    {
        "outlet": "ledger",
        "story": "toronto",
        "hours": 16,
        "title": "Priya Raman wins Toronto by-election",
        "author": "Hannah Brooks",
        "body": """Priya Raman was elected mayor of Toronto on Monday, winning 48 percent of \
the vote to Mark Ellison's 39 percent.

> Toronto voted for homes people can afford, Raman told supporters in Kensington Market.

Ellison conceded shortly before midnight and congratulated her.""",
    },
    {
        "outlet": "meridian",
        "story": "toronto",
        "hours": 4,
        "title": "Ontario premier pledges to work with Toronto's new mayor",
        "author": "Jonas Albrecht",
        "body": """Ontario's premier said the province would work with Priya Raman on \
housing, a day after her victory in Toronto's by-election.

Raman said her first meeting would be with the Toronto Transit Commission and the city's \
housing agency, Toronto Community Housing.""",
    },
    # --- 8. Dublin hospitals cyberattack ---------------------------------------------------
    {
        "outlet": "northline",
        "story": "cyber",
        "hours": 84,
        "title": "Cyberattack forces Dublin hospitals onto paper records",
        "author": "Ciarán Doyle",
        "body": """Three Dublin hospitals switched to paper records on Wednesday after a \
ransomware attack shut down their computer systems, the Health Service Executive said.

St. James's Hospital and the Mater Misericordiae University Hospital postponed routine \
appointments. Ireland's National Cyber Security Centre is investigating.""",
    },
    {
        "outlet": "signal",
        "story": "cyber",
        "hours": 76,
        "title": "Ransomware group claims Dublin hospital attack",
        "author": "Noah Feldman",
        "body": """A ransomware group calling itself Nightjar claimed responsibility for the \
attack on Dublin hospitals and demanded $20 million.

Health minister Siobhán Keane said Ireland would not pay. Europol in The Hague said it was \
helping the National Cyber Security Centre trace the group.""",
    },
    {
        "outlet": "meridian",
        "story": "cyber",
        "hours": 50,
        "title": "Irish government will not pay hospital ransom, Keane says",
        "author": "Ciarán Doyle",
        "body": """Siobhán Keane told the Dáil that paying the Nightjar group would only fund \
the next attack.

The Health Service Executive said cancer treatment at St. James's Hospital had resumed, \
but other services would take weeks to restore.""",
    },
    {
        "outlet": "pacific",
        "story": "cyber",
        "hours": 24,
        "title": "Europol and FBI link Nightjar to earlier attacks in Germany",
        "author": "Ana Ribeiro",
        "body": """Europol and the FBI said the Nightjar group behind the attack on Dublin \
hospitals had also hit a hospital in Düsseldorf last year.

The National Cyber Security Centre in Dublin published indicators to help other health \
services check their networks.""",
    },
    {
        "outlet": "harbour",
        "story": "cyber",
        "hours": 2,
        "title": "Dublin hospitals restore email as HSE tallies cost of attack",
        "author": "Ciarán Doyle",
        "body": """The Health Service Executive said email and booking systems were back at \
St. James's Hospital and the Mater Misericordiae University Hospital.

Siobhán Keane said the attack had cost at least €40 million so far and promised an \
independent review of the HSE's cyber defences.""",
        "links": [("https://harbour-times.example/hse-review", "The review's terms")],
    },
]
