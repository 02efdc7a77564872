"""Word lists shared by the post-processing and the fallback tagger."""

from __future__ import annotations

# Capitalised words that start sentences or are not names on their own.
_STOP = """A An The This That These Those There Their They Them Then Thus He She It Its His Her
We Our Us You Your I In On At By For From With Without Of To As But And Or Nor So If When
While Where What Who Whom Whose Which Why How After Before During Since Until Although Though
Because Also However Meanwhile Moreover Yet Still Some Many Most More Much Several Each Every
All Any No Not Both Either Neither One Two Three Four Five Six Seven Eight Nine Ten First
Second Third Last Next New Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday
Sunday January February March April May June July August September October November
December Today Yesterday Tomorrow Here Now Just Only Even Despite Among Under Over About
Against Between Into Through Like Unlike Is Are Was Were Be Been Has Have Had Do Does Did Can
Could Will Would Should May Might Must Shall Let Please Yes Oh Image Photo Video Read Share
Sign Subscribe Advertisement Click Follow Related Updated Published Posted Copyright OK
According Following Asked Said Says Speaking Instead Later Earlier Once Often Other Others"""


#: Capitalised words that are not names on their own (sentence starts, function words).
STOPWORDS = frozenset(_STOP.split())
_WORDS = _STOP.split()
#: Weekdays and months (dates are not entities).
MONTHS_DAYS = frozenset(_WORDS[_WORDS.index("Monday") : _WORDS.index("December") + 1])

#: Page furniture that the model sometimes takes for a name ("Image: ..." captions).
FURNITURE = frozenset(
    """Image Images Photo Photos Photograph Picture Video Videos Audio Caption Credit Credits
    Source Sources Listen Watch Advertisement Share Comments Comment Subscribe Newsletter
    Writing Reporting Editing Update Updated Correction Getty""".split()
) | {
    "Buy Now",
    "Shop Now",
    "Learn More",
    "Read More",
    "Sign Up",
    "Log In",
    "Add to Cart",
    "Image Source",
    "Photo Source",
    "Image Credit",
    "Photo Credit",
}

#: Common given names (a model span starting with one is most likely a person).
FIRST_NAMES = frozenset(
    """Aaron Abdul Abdullah Adam Adrian Ahmed Aiden Aisha Akira Alan Albert Alberto Alejandro Alex
    Alexander Alexandra Alexei Alfred Ali Alice Alicia Alison Allen Amanda Amir Amit Amy Ana
    Andrea Andreas Andrei Andres Andrew Andy Angel Angela Angelo Anil Anita Ann Anna Anne
    Anthony Antoine Antonio Arjun Arthur Ashley Ayesha Barack Barbara Barry Ben Benjamin Bernard
    Bernie Beth Betty Bill Billy Bob Boris Brian Bruce Bryan Caleb Cameron Carl Carla Carlos
    Carmen Carol Caroline Catherine Charles Charlie Charlotte Chen Chinedu Chris Christian
    Christina Christine Christopher Claire Claude Claudia Colin Craig Cynthia Dale Dan Dana
    Daniel Daniela Darren Dave David Dean Deborah Deepak Denis Dennis Derek Diana Diane Diego
    Dmitri Dmitry Dominic Donald Donna Doug Douglas Dylan Ed Eddie Edgar Eduardo Edward Elena
    Eli Elijah Elise Elizabeth Ella Ellen Elon Emilio Emily Emma Emmanuel Eric Erik Erin Ethan
    Eugene Eva Evan Fabio Faisal Fatima Felipe Felix Fernando Fiona Francesca Francis Francisco
    Franco Frank Fred Frederick Gabriel Gareth Gary Gavin Geoffrey George Gerald Gerhard Gina
    Giorgia Giovanni Giuseppe Glen Glenn Gordon Grace Graham Greg Gregory Guillermo Gustavo
    Hamid Hamza Hannah Hans Harold Harry Hassan Heather Hector Heinrich Helen Helena Henrik
    Henry Hillary Hiroshi Howard Hugh Hugo Hussein Hyun Ian Ibrahim Igor Imran Isaac Isabel
    Isabella Ivan Jack Jacob Jacques Jake Jamal James Jamie Jan Jane Janet Jared Jason Javier
    Jay Jean Jeff Jeffrey Jennifer Jens Jeremy Jerome Jerry Jesse Jessica Jesus Jill Jim Joan
    Joanna Joe Joel Johan Johannes John Jon Jonas Jonathan Jordan Jorge Jose Josef Joseph Josh
    Joshua Joy Joyce Juan Judith Judy Julia Julian Julie Julien Jun Justin Kamala Karen Karim
    Karl Kate Katherine Kathleen Kathryn Katie Keir Keith Kelly Ken Kenji Kenneth Kerry Kevin
    Khalid Kim Kimberly Klaus Kofi Kwame Kyle Larry Lars Laura Laurent Lawrence Layla Leah Lee
    Leila Leo Leon Leonard Leslie Li Lily Linda Lindsey Lionel Lisa Liz Lorenzo Louis Louise
    Lucas Lucy Luigi Luis Luke Lynn Mahmoud Manuel Marc Marco Marcus Margaret Maria Marie Marina
    Mario Marion Mark Marta Martha Martin Marvin Mary Matt Matthew Maurice Max Megan Mehmet
    Melanie Melissa Mia Michael Michelle Miguel Mike Mikhail Miles Min Ming Mitchell Mohamed
    Mohammad Mohammed Monica Morgan Muhammad Mustafa Nadia Nancy Narendra Narges Natalia Natalie
    Natasha Nathan Nawaz Neil Ngozi Nicholas Nick Nicolas Nicole Nigel Nikki Noah Norman Olaf
    Oleg Olga Oliver Olivia Omar Oscar Owen Pablo Pamela Patricia Patrick Paul Paula Pavel Pedro
    Peter Phil Philip Philippe Pierre Pope Priya Rachel Rafael Rahul Raj Rajesh Ralph Ramon
    Randy Rania Raul Ray Raymond Rebecca Recep Reza Ricardo Richard Rick Rishi Robert Roberto
    Robin Roger Roman Ron Ronald Rosa Rose Ross Roy Ruth Ryan Sabrina Salman Sam Samir Samuel
    Sandra Sanjay Santiago Sara Sarah Scott Sean Sebastian Sergei Sergio Seth Shane Sharon Shaun
    Sheila Simon Sofia Sonia Sophie Stefan Stella Stephanie Stephen Steve Steven Stuart Sunil
    Susan Suzanne Sven Svetlana Takeshi Tamara Tanya Tariq Tatiana Ted Teresa Terry Theresa
    Thomas Tim Timothy Tina Todd Tom Tommy Tony Tracy Travis Trevor Troy Ursula Valerie Vanessa
    Victor Victoria Vijay Viktor Vincent Virginia Vladimir Volodymyr Walter Wang Wayne Wei Wendy
    Wesley Will William Willie Xavier Xi Yahya Yasmin Yevgeny Yousef Yuki Yuri Yusuf Zachary
    Zhang Zoe""".split()
) | frozenset(
    # given names of people often in the news that the list above lacks
    """Kurt Rudy Brad Brett Chuck Clarence Cory Dustin Jimmy Kirsten Mitch Naomi Nicola Pat Pete
    Piers Rory Russell Rupert Scarlett Serena Sheryl Simone Greta Camilla Beatrice Meghan
    Marissa Leonardo Angelina Denzel Dara Sergey Nikola Luka Lachlan Virgil Vivek Satya Sundar
    Arvind Shinzo Jacinda Mette Sanna Josep Jair Bashar Giannis Erling Kylian Zlatan Shohei
    Usain Novak Billie Selena Miley Britney Ariana Oprah Conan Ketanji Kamala Keir Rishi
    Olaf Ursula Emmanuel Narendra Recep Elon""".split()
)

#: Last words that make a name an organisation.
ORG_LAST = frozenset(
    """Academy Administration Agency Airline Airlines Airways Alliance Army Assembly Association
    Authority Bank Board Brigade Brigades Broadcasting Bureau Chronicle Church Club Co Co.
    Coalition College Commission Committee Company Congress Corp Corp. Corporation Corps Council
    Court Daily Department Federation Force Forces Foundation Front Fund Gazette Group Guardian
    Herald Holdings Hospital Inc Inc. GmbH AG SpA SRL Pty LLP Plc Industries Institute
    Institution Journal LLC Laboratories
    Laboratory League Legion Ltd Ltd. Magazine Media Ministry Motors Movement Museum Navy
    Network News Observer Office Organisation Organization PLC Parliament Partners Party Police
    Post Press Radio Railway Railways Records School Senate Service Services Society Studios
    Systems Team Technologies Telegraph Television Times Tribune Trust Union University
    plc FC F.C. AFC Rovers Wanderers Athletic Orchestra Ensemble Quartet Choir
    Entertainment Pictures Productions Publishing Publishers Software Labs
    United Rangers Albion Hotspur Enterprises Bancorp Aviation Energy Petroleum
    Pharmaceuticals Electronics Communications Telecom Insurance Ventures Investments
    Securities Financial Brewery Comics Command Regiment Battalion Directorate Secretariat
    Tribunal Cabinet Conservatory Seminary Polytechnic Consortium Syndicate Cooperative
    Guild Chamber Studio""".split()
)

#: Last words that make a name a law, treaty or document ("Patriot Act", "Geneva Convention").
WORK_LAST = frozenset(
    """Act Acts Bill Treaty Accord Accords Agreement Convention Charter Constitution Declaration
    Doctrine Manifesto""".split()
)

#: Last words that make a name an award (CoNLL's MISC, reader's "other").
OTHER_LAST = frozenset("Award Prize Prizes Medal Trophy Pro Ultra Lite".split())

#: Last words that make a name a place (including buildings and facilities).
PLACE_LAST = frozenset(
    """Airport Arena Avenue Basin Bay Beach Boulevard Bridge Canal Castle Cathedral Center Centre
    City Coast County Desert District Falls Forest Glacier Gulf Hall Harbor Harbour Heights
    Highway Hills Island Islands Lake Lane Mosque Mountain Mountains Ocean Palace Park Peninsula
    Plaza Port Prison Province Region Reservoir River Road Sea Square Stadium Station Strait
    Street Temple Territories Territory Tower Towers Valley Volcano Statehouse Capitol Cemetery
    Terminal Facility Ave Blvd Pier Wharf Courthouse""".split()
)

#: Last words that make a name an event.
EVENT_LAST = frozenset(
    """Affair Attack Attacks Awards Championship Championships Conference Crisis Cup Earthquake
    Election Elections Expo Exposition Fair Festival Games Hurricane Marathon Massacre Olympics Open
    Pandemic Prix Protests Race Referendum Revolution Riots Scandal Spring Storm Summit
    Tournament Trial Typhoon Uprising War Battle Siege Finals Slam Bowl Olympiad Invitational
    Ceremony Parade Gala Telethon""".split()
)

#: Titles that, alone, stand for the person who holds them ("the Sheriff", "the President");
#: the model sometimes calls them places or organisations.
TITLE_WORDS = frozenset(
    """President Vice-President Sheriff Governor Mayor Senator Ambassador Chancellor Premier
    Secretary Minister""".split()
)


#: Generational suffixes after a surname ("Arcade Joseph Comeaux Jr."): not the surname.
_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())


def surname(words: list[str]) -> str:
    """The last word of a person's name that is not a generational suffix ("Jr.")."""
    for word in reversed(words[1:]):
        word = word.rstrip(",")
        if word not in _SUFFIXES:
            return word
    return words[-1]


#: Last words that type a name (an organisation, a place, an event, a work, a prize).
TYPING_LAST = ORG_LAST | PLACE_LAST | EVENT_LAST | WORK_LAST | OTHER_LAST


def is_given_name(word: str) -> bool:
    """A common given name, also as the first part of a hyphenated one ("Pierre-Hugues")."""
    return word in FIRST_NAMES or "-" in word and word.split("-", 1)[0] in FIRST_NAMES


#: Surnames of people so much in the news that, alone, they name that person whatever the
#: model typed ("Trump" as an organisation in a column that never writes "Donald"). Only
#: surnames that are not also a company's, a place's or a common word's ("Johnson", "Gates",
#: "Harris", "Cook" are left out).
FAMOUS_SURNAMES = frozenset(
    """Trump Biden Obama Putin Zelensky Zelenskyy Macron Merkel Scholz Sunak Starmer Modi
    Erdogan Erdoğan Netanyahu Trudeau Bolsonaro Khamenei Assad Maduro Orban Orbán Meloni
    Albanese Kishida Ramaphosa Musk Bezos Zuckerberg Buffett Pelosi McConnell Schumer Pence
    DeSantis Blinken Pompeo Kissinger Mandela Gandhi Thatcher Corbyn Farage Sturgeon Lavrov
    Medvedev Navalny Prigozhin Shoigu Lukashenko Guterres Lagarde Yellen Mnuchin Bannon
    Giuliani Kushner Nadella Pichai Soros Weinstein Epstein Assange Snowden Hitler Stalin
    Churchill Khrushchev Gorbachev Yeltsin Castro Chavez Chávez Mugabe Gaddafi Qaddafi Saddam
    Hussein Arafat Abbas Mubarak Morsi Sisi Rouhani Ahmadinejad Raisi Kagame Museveni Ruto
    Tinubu Buhari Duterte Marcos Widodo Jokowi Kejriwal Imran Sharif Karzai Ghani Zuma""".split()
)


#: Verbs headlines use most, in the forms they use them ("Colts Beat Chiefs", "AMD Buys
#: SeaMicro").
HEADLINE_VERBS = frozenset(
    """beat beats wins win won loses lose lost kills killed dies died dead calls call called
    faces face meets meet met visits visit launches launch launched confirms confirm announces
    announce announced says warns warn urges urge slams blasts backs back rejects reject seeks
    seek signs sign sets set hits hit takes take gets get gives give makes make opens open
    closes close plans plan buys buy sells sell cuts cut raises raise falls fall rises rise
    jumps drops names named arrested charged sentenced found returns return leaves leave joins
    join ends end starts start vows vow denies deny admits admit agrees agree""".split()
)
