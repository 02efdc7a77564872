"""Demo stories 1-4: the Rhine floods, the ECB rate decision, the Aurora Relay probe and the
Quillon antitrust case. Written for reader; people and outlets are fictional.

Body format: paragraphs separated by blank lines; ``## `` starts a heading, ``- `` a list
item, ``> `` a quote.
"""

from __future__ import annotations

STORIES_A: list[dict] = [
    # --- 1. Rhine floods -------------------------------------------------------------------
    {
        "outlet": "harbour",
        "story": "flood",
        "hours": 94,
        "title": "Rhine rises to record level as Cologne braces for flooding",
        "author": "Marta Lindholm",
        "body": """The Rhine rose above nine metres in Cologne on Monday evening, the highest \
reading since records began, after three days of heavy rain across western Germany.

Mayor Henrike Vogel ordered the old town's flood walls closed and asked residents of riverside \
streets to move cars and valuables to higher ground. The Federal Agency for Technical Relief \
sent pumps and sandbag teams from Bonn and Düsseldorf.

> We are ready, but the river decides how long this lasts, Vogel told reporters at the city hall.

Deutsche Bahn suspended trains between Cologne and Koblenz, where the Moselle also burst its \
banks.""",
        "links": [("https://harbour-times.example/flood-map", "Live flood map")],
    },
    {
        "outlet": "meridian",
        "story": "flood",
        "hours": 80,
        "title": "Koblenz evacuates old town as Moselle and Rhine floods meet",
        "author": "Jonas Albrecht",
        "body": """Several thousand people left their homes in Koblenz overnight as water from \
the Moselle and the Rhine met at the Deutsches Eck and spilled into the old town.

The German Red Cross opened emergency shelters in schools across the city. Volunteers from the \
Federal Agency for Technical Relief worked through the night to reinforce dykes near Lahnstein.

## Transport

- Deutsche Bahn kept the Cologne to Koblenz line closed.
- River traffic on the Rhine was halted between Mainz and Bonn.
- The A61 motorway remained open.""",
    },
    {
        "outlet": "northline",
        "story": "flood",
        "hours": 70,
        "title": "Scientists link Rhine flood to stalled storm over the Alps",
        "author": "Priya Castellano",
        "body": """The rain that swelled the Rhine came from a storm that stalled for almost \
three days over the Alps and the Black Forest, said Dr. Lukas Ebner of the Potsdam Institute \
for Climate Impact Research.

Ebner said warmer air over the Mediterranean carried more moisture north, a pattern his team \
has seen more often in the past decade. Switzerland and France also reported high water on \
the upper Rhine near Basel and Strasbourg.

The European Commission said it was ready to mobilise the EU Solidarity Fund if Germany asked \
for help.""",
    },
    {
        "outlet": "ledger",
        "story": "flood",
        "hours": 52,
        "title": "Berlin pledges €500 million in flood aid for Rhineland towns",
        "author": "Felix Hartmann",
        "body": """The federal government in Berlin promised €500 million in emergency aid for \
towns along the Rhine and the Moselle, as the water began to fall in Cologne and Koblenz.

Finance minister Katrin Weiss said the money would reach households and small businesses \
within weeks. Insurers, led by Allianz, estimated damage at more than €2 billion.

Mayor Henrike Vogel of Cologne welcomed the aid but asked for faster work on the city's new \
flood defences.""",
    },
    {
        "outlet": "pacific",
        "story": "flood",
        "hours": 30,
        "title": "Rhine falls below danger mark; cleanup begins in Cologne and Koblenz",
        "author": "Ana Ribeiro",
        "body": """The Rhine fell below the danger mark in Cologne on Thursday, and residents \
of Koblenz returned to homes filled with mud.

The German Red Cross said its shelters had housed 6,000 people at the peak of the flood. \
Deutsche Bahn reopened the line between Cologne and Koblenz with reduced service.

Dr. Lukas Ebner of the Potsdam Institute for Climate Impact Research warned that the \
ground would stay saturated for weeks, raising the risk if more rain falls.""",
    },
    # --- 2. ECB rate decision --------------------------------------------------------------
    {
        "outlet": "ledger",
        "story": "ecb",
        "hours": 90,
        "title": "ECB expected to cut rates as inflation cools across the eurozone",
        "author": "Felix Hartmann",
        "body": """Economists expect the European Central Bank to cut its deposit rate by a \
quarter point at Thursday's meeting in Frankfurt, after eurozone inflation fell to 2.1 percent.

ECB President Clara Reinholt has said the bank will move carefully. Chief economist Tomas \
Lindqvist argued last month that wage growth in Germany and Spain was slowing faster than \
expected.

> The path is down, but the pace is not set, Reinholt said in Paris last week.""",
    },
    {
        "outlet": "harbour",
        "story": "ecb",
        "hours": 66,
        "title": "ECB cuts deposit rate to 2.25% and signals patience",
        "author": "Marta Lindholm",
        "body": """The European Central Bank cut its deposit rate by 25 basis points to 2.25 \
percent on Thursday, its fourth cut this year.

Speaking in Frankfurt, President Clara Reinholt said the Governing Council was unanimous but \
would not commit to another cut in the spring. The euro fell against the dollar after the \
announcement.

The Bundesbank's president, Joachim Falk, said in a statement that the decision was \
\"balanced\".""",
    },
    {
        "outlet": "pacific",
        "story": "ecb",
        "hours": 64,
        "title": "Markets cheer ECB cut; bond yields fall in Italy and Spain",
        "author": "Ana Ribeiro",
        "body": """European stocks rose after the European Central Bank lowered rates, and \
government bond yields in Italy and Spain fell to their lowest in two years.

Traders in London and Frankfurt said the bank's message, delivered by Clara Reinholt, was \
softer than expected. The DAX closed up 1.4 percent.""",
    },
    {
        "outlet": "northline",
        "story": "ecb",
        "hours": 40,
        "title": "Lindqvist: ECB could pause if energy prices rise again",
        "author": "Priya Castellano",
        "body": """Tomas Lindqvist, chief economist of the European Central Bank, said on \
Friday that the bank could pause its cuts if energy prices climbed this winter.

Speaking at a conference in Vienna, Lindqvist said gas prices in the Netherlands had risen \
10 percent in a month. The International Monetary Fund said in Washington that the ECB's \
approach was appropriate.""",
    },
    {
        "outlet": "meridian",
        "story": "ecb",
        "hours": 20,
        "title": "What the ECB rate cut means for mortgages in Spain and Portugal",
        "author": "Jonas Albrecht",
        "body": """Homeowners in Spain and Portugal, where most mortgages follow the Euribor, \
will feel the European Central Bank's cut first.

## What changes

- Monthly payments on variable loans fall within three months.
- Banks such as Santander and Caixa Geral de Depósitos have already lowered new fixed rates.

Clara Reinholt said on Thursday that the ECB watches housing markets closely.""",
    },
    # --- 3. Aurora Relay probe -------------------------------------------------------------
    {
        "outlet": "signal",
        "story": "probe",
        "hours": 96,
        "title": "ESA's Aurora Relay probe ready for launch from Kourou",
        "author": "Noah Feldman",
        "body": """The European Space Agency's Aurora Relay probe is on the launch pad at the \
Guiana Space Centre in Kourou, French Guiana, ahead of a launch on an Ariane 6 rocket.

The probe will study the solar wind from a point between the Sun and the Earth and relay \
warnings of solar storms. Mission manager Paolo Venturi said the team had finished its last \
checks.

NASA's Jet Propulsion Laboratory built one of its four instruments.""",
        "links": [("https://signal-bulletin.example/aurora-explainer", "How Aurora Relay works")],
    },
    {
        "outlet": "pacific",
        "story": "probe",
        "hours": 72,
        "title": "High winds delay Ariane 6 launch of Aurora Relay",
        "author": "Ana Ribeiro",
        "body": """Arianespace postponed the launch of the Aurora Relay probe by 24 hours \
because of high winds over Kourou.

Paolo Venturi of the European Space Agency said the probe was safe and fully charged. The \
next launch window opens on Wednesday evening, Paris time.""",
    },
    {
        "outlet": "signal",
        "story": "probe",
        "hours": 46,
        "title": "Aurora Relay lifts off; ESA confirms first signal",
        "author": "Noah Feldman",
        "body": """An Ariane 6 rocket carrying the Aurora Relay probe lifted off from Kourou \
on Wednesday evening, and ground stations in Australia picked up its first signal 40 minutes \
later.

> We have a healthy spacecraft, Paolo Venturi told the control room in Darmstadt.

The European Space Agency said the probe would reach its station in about four months.""",
    },
    {
        "outlet": "meridian",
        "story": "probe",
        "hours": 44,
        "title": "Europe's solar storm sentinel reaches orbit",
        "author": "Jonas Albrecht",
        "body": """Europe put its first dedicated solar storm sentinel into space as Aurora \
Relay separated from its Ariane 6 upper stage over the Atlantic.

The European Space Agency and NASA will share its warnings with power grid operators and \
airlines. Mission manager Paolo Venturi thanked teams in Darmstadt, Toulouse and Pasadena.""",
    },
    {
        "outlet": "harbour",
        "story": "probe",
        "hours": 12,
        "title": "Aurora Relay unfolds its solar arrays",
        "author": "Marta Lindholm",
        "body": """The Aurora Relay probe unfolded its solar arrays on Friday, the European \
Space Agency said, clearing the last risky step of its first days in space.

Engineers at the European Space Operations Centre in Darmstadt will now switch on the \
instruments one by one, starting with the magnetometer built at Imperial College London.""",
    },
    # --- 4. Quillon antitrust case ---------------------------------------------------------
    {
        "outlet": "ledger",
        "story": "antitrust",
        "hours": 88,
        "title": "Brussels set to fine Quillon Systems over app store rules",
        "author": "Felix Hartmann",
        "body": """The European Commission is preparing a fine of more than €2 billion against \
Quillon Systems for rules that kept rival payment services out of its app store, people \
familiar with the case said.

Competition Commissioner Margit Sørensen has led the investigation since 2022, after \
complaints from music and travel companies in Sweden and the Netherlands.""",
    },
    {
        "outlet": "signal",
        "story": "antitrust",
        "hours": 62,
        "title": "EU fines Quillon Systems €2.1 billion",
        "author": "Noah Feldman",
        "body": """The European Commission fined Quillon Systems €2.1 billion on Tuesday and \
ordered it to let developers link to cheaper offers outside its app store.

Margit Sørensen said in Brussels that Quillon had \"abused its position for a decade\". The \
company has 90 days to change its rules.

- The fine is the largest under the Digital Markets Act so far.
- Quillon can appeal to the General Court in Luxembourg.""",
    },
    {
        "outlet": "northline",
        "story": "antitrust",
        "hours": 60,
        "title": "Quillon chief Daniel Okafor vows to appeal EU fine",
        "author": "Priya Castellano",
        "body": """Daniel Okafor, chief executive of Quillon Systems, said the company would \
appeal the European Commission's €2.1 billion fine to the General Court in Luxembourg.

> This decision makes phones less safe for Europeans, Okafor said in a message to staff.

Shares of Quillon fell 3 percent in New York.""",
    },
    {
        "outlet": "pacific",
        "story": "antitrust",
        "hours": 36,
        "title": "Washington watches EU's Quillon ruling as US case nears trial",
        "author": "Ana Ribeiro",
        "body": """The Department of Justice in Washington is studying the European \
Commission's ruling against Quillon Systems as its own case against the company heads to \
trial in California next year.

Margit Sørensen said she had briefed US officials before the decision was announced.""",
    },
    {
        "outlet": "ledger",
        "story": "antitrust",
        "hours": 8,
        "title": "Developers in Stockholm welcome Quillon ruling, but wait for details",
        "author": "Felix Hartmann",
        "body": """Music streaming and travel start-ups in Stockholm said the European \
Commission's decision against Quillon Systems could cut their costs by a fifth.

They asked Margit Sørensen's office to watch closely how Quillon changes its rules before \
the 90-day deadline. Daniel Okafor has said the company will comply while it appeals.""",
    },
]
