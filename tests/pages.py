"""Original fictional test pages (text dumps as an aggregator or scraper delivers them), with their truth.

Every page is one element per line. Each `Page` holds the raw dump and what a reader would call the article:
its headline and its body paragraphs in order. The towns, outlets and people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A test page: the dump a scraper delivered, and the headline and body paragraphs it holds."""

    name: str
    text: str
    title: str
    body: tuple[str, ...]

    @property
    def lines(self) -> list[str]:
        """The dump's lines, as `clean` numbers them (blank lines counted)."""
        return self.text.split("\n")

    def line_of(self, text: str) -> int:
        """The 0-based input line number of the first line equal to `text`."""
        return self.lines.index(text)


def _page(
    name: str, head: list[str], title: str, body: list[str], tail: list[str], pre: list[str] | None = None
) -> Page:
    """A page laid out as `pre`, `head` (with the title in it), the body, then `tail`."""
    lines = [*(pre or []), *head, *body, *tail]
    assert title in lines
    return Page(name, "\n".join(lines) + "\n", title, tuple(body))


# ---------------------------------------------------------------- aggregator
AGGREGATOR_TITLE = "Tollbridge council approves night ferry trial after months of commuter complaints"
AGGREGATOR_BODY = [
    "The Tollbridge town council voted seven to two on Tuesday evening to run a night ferry across the "
    "Marrow estuary for a six-month trial, answering a petition signed by more than four thousand commuters "
    "who said the last crossing at half past nine left them stranded after late shifts.",
    "Under the plan, the Estuary Link boat will make four extra round trips between the Old Quay and the "
    "Saltings terminal, the last of them leaving shortly after midnight on weekdays and an hour later on "
    "Fridays and Saturdays.",
    "Councillor Imelda Farrant, who chairs the transport committee, said the trial would cost about 310,000 "
    "pounds, most of it in crew wages, and that the town would ask the regional transport fund to cover "
    "half of the bill once ridership figures were in.",
    '"For years we have told hospital porters, cleaners and bar staff that the town is closed to them after '
    'dark," Farrant told the chamber. "If the boats run empty we will say so and stop, but we owe them the '
    'chance to show us they will use it."',
    "The two councillors who voted against the trial said they supported the idea but doubted the cost "
    "estimate, pointing out that the operator had not yet said whether it could find enough qualified "
    "deckhands for the late rota without paying overtime.",
    "Estuary Link's operations manager, Colm Abernethy, said the company had already begun interviewing for "
    "six new posts and expected the first night sailings to start in the second week of March, weather and "
    "inspections permitting.",
    "Commuter groups welcomed the decision but asked the council to publish passenger counts every month, "
    "so that riders could see whether the service was at risk long before the trial came to an end in the "
    "autumn.",
]
AGGREGATOR_TAIL = [
    "©2025 Estuary Media Group. Distributed by Northgate Content Syndicate.",
    "With assistance from Rhona Castellan.",
    "Try Our AI Features",
    "Explore what Estuary AI can do for you:",
    "Summarize this article",
    "Enter Email Sign Up",
    "No comments yet...",
    "#Tollbridge #Ferries #Transport",
    "Share Tweet Email",
    "Related Articles",
    "Marrow Valley Gazette",
    "5 hours ago",
    "Saltings terminal car park to close for resurfacing next month",
    "The Saltings terminal car park will close for three weeks in February while contractors replace its "
    "surface, and ferry passengers have been asked to use the park-and-ride at Denby Cross instead.",
    "- Tollbridge Echo",
    "1 day ago",
    "Hospital trust asks for later buses to the Old Quay",
    "Lynford Hospital's staff council has written to the regional bus operator asking for two later "
    "services on the route that serves the Old Quay, saying night-shift workers wait up to an hour in the "
    "cold.",
    "Estuary Business Weekly",
    "2 days ago",
    "Estuary Link reports busiest summer since the pandemic",
    "The ferry operator carried almost 1.3 million passengers between June and September, its best summer "
    "in five years, helped by a new timetable and a run of warm weekends that filled the boats to capacity.",
]
AGGREGATOR = _page(
    "aggregator",
    [AGGREGATOR_TITLE, "Estuary Daily", "3 hours ago", "By Marguerite Olowe"],
    AGGREGATOR_TITLE,
    AGGREGATOR_BODY,
    AGGREGATOR_TAIL,
    pre=["Skip to main content", "Home", "Local", "Business", "Sign in"],
)

# ---------------------------------------------------------------- related first
RELATED_FIRST_TITLE = "Brightwater library reopens with longer evening hours and a new reading garden"
RELATED_FIRST_BLURBS = (
    "Brightwater's district council has postponed a decision on the new swimming pool until next spring, "
    "saying it needs more time to review the three bids it received for the construction contract.",
    "Volunteers at the Brightwater food bank say demand has doubled since the summer, and the charity has "
    "appealed for tinned fruit, rice and nappies ahead of the school holidays in December.",
)
RELATED_FIRST_BODY = [
    "The Brightwater public library reopened on Saturday after an eleven-month renovation, with evening "
    "hours that run until nine on weekdays and a walled reading garden that was built on what used to be "
    "the staff car park behind the building.",
    "Head librarian Oona Petrakis said the longer hours were the change that readers had asked for most "
    "often in a survey last year, ahead of more computers and even ahead of a café, which the library still "
    "does not have.",
    "The renovation cost 2.4 million pounds, about a third of which came from a bequest left by a retired "
    "schoolteacher who had used the library every week for more than sixty years and wanted it to stay open "
    "for people who work during the day.",
    "New shelving has made room for a larger children's section, and the old reading room on the first "
    "floor has been divided into three study rooms that can be booked for up to two hours at a time.",
    "Petrakis said the garden would host story readings for young children on Saturday mornings through the "
    "spring, and that the library hoped to add a small outdoor stage for poetry evenings in the summer.",
]
RELATED_FIRST = _page(
    "related-first",
    [
        "Trending Now",
        "Brightwater Courier",
        "2 hours ago",
        "Pool decision delayed again as council weighs three bids",
        RELATED_FIRST_BLURBS[0],
        "Brightwater Courier",
        "4 hours ago",
        "Food bank appeals for donations as demand doubles",
        RELATED_FIRST_BLURBS[1],
        RELATED_FIRST_TITLE,
        "Brightwater Courier",
        "1 hour ago",
    ],
    RELATED_FIRST_TITLE,
    RELATED_FIRST_BODY,
    ["Share Tweet Email", "©2025 Courier Newspapers Ltd. All rights reserved."],
)

# ---------------------------------------------------------------- quoting blurbs
QUOTING_TITLE = "Glassworks museum wins national award for its restored furnace hall"
QUOTING_BODY = [
    "The Pellow Glassworks Museum has won this year's National Heritage Prize for the restoration of its "
    "Victorian furnace hall, a project that took volunteers and craftspeople almost six years to complete.",
    "Judges praised the museum for keeping the hall in working order rather than turning it into a static "
    "display, and visitors can now watch glassblowers at work on three days of every week during the "
    "season.",
    "Museum director Aurelio Banfield said the prize money of fifty thousand pounds would go towards "
    "repairing the roof of the old packing shed, which has been closed to the public since a storm two "
    "winters ago.",
    "The glassworks closed as a business in 1962, and for two decades the buildings stood empty until a "
    "group of former workers and their families formed a trust to buy the site from the county for a single "
    "pound.",
    "Banfield said the award belonged to the volunteers, some of whom had worked in the glassworks as "
    "apprentices, and that their memories had guided every decision about how the furnace hall should look "
    "and sound.",
]
QUOTING_TAIL = [
    "Copyright 2025 The Pellow Standard.",
    "More from The Pellow Standard",
    "Pellow Standard",
    "6 hours ago",
    "Heritage prize shortlist announced",
    # The blurbs below repeat the article's own sentences, as aggregators' teasers often do.
    QUOTING_BODY[0],
    "Pellow Standard",
    "1 day ago",
    "Glassblowing classes return for the summer",
    QUOTING_BODY[1],
]
QUOTING = _page(
    "quoting-blurbs",
    [QUOTING_TITLE, "Pellow Standard", "45 minutes ago"],
    QUOTING_TITLE,
    QUOTING_BODY,
    QUOTING_TAIL,
)

# ---------------------------------------------------------------- cruft words in body
AD_BAN_TITLE = "Harlow district bans junk-food advertising on buses and bus shelters"
AD_BAN_BODY = [
    "Advertising for sugary drinks and fast food will disappear from buses and bus shelters across the "
    "Harlow district from June, after the regional transport board voted on Wednesday to extend an existing "
    "ban that until now applied only to the underground network.",
    "The ad ban takes effect in June and covers any product that fails the national nutrition test, which "
    "officials said would include most chocolate bars, crisps and fizzy drinks but not fruit juice.",
    "The board's finance director warned that advertising revenue could fall by as much as 1.6 million "
    "pounds a year, a gap that would have to be filled from fares or from the regional budget if other "
    "advertisers could not be found quickly.",
    "Public health officials said the restriction on the underground had been followed by a small but "
    "measurable fall in purchases of the banned products near stations, and that they expected a similar "
    "effect on the bus routes that serve schools.",
    "The Harlow Advertising Association said its members would comply with the rules but called the "
    "decision a blunt tool, arguing that the money lost would have paid for more frequent services on rural "
    "routes.",
]
AD_BAN = _page(
    "ad-ban",
    [AD_BAN_TITLE, "Harlow Evening Post", "Updated 2 hours ago", "By Desmond Achterberg"],
    AD_BAN_TITLE,
    AD_BAN_BODY,
    ["Advertisement", "© 2025 Harlow Evening Post", "Share Tweet Email", "12 comments"],
)

COPYRIGHT_SUIT_TITLE = "Songwriter sues streaming service over copyright in decades-old folk ballad"
COPYRIGHT_SUIT_BODY = [
    "A songwriter from Kestle Bay has filed a copyright lawsuit against the streaming service Tunewell, "
    "claiming that a hit single released by one of its in-house artists copies the melody of a folk ballad "
    "she wrote and recorded in 1987.",
    "Copyright law protects the melody of a song as well as its words, her lawyers argue in the complaint, "
    "and they say the two tunes share a distinctive rising phrase in the chorus that no other song in the "
    "genre uses.",
    "Tunewell said in a statement that it respected the rights of all songwriters, that all rights reserved "
    "by the original recording contract had expired years ago, and that it would defend the case vigorously "
    "in court.",
    "The songwriter, Maeve Corrigan, told reporters outside the court that she had not heard the new single "
    "until a neighbour played it to her at a birthday party, and that she recognised the chorus within the "
    "first few notes.",
    "A hearing on the service's request to dismiss the case has been set for the spring, and legal experts "
    "said the outcome could depend on whether the judge allows expert testimony about the history of the "
    "ballad's melody.",
]
COPYRIGHT_SUIT = _page(
    "copyright-suit",
    [COPYRIGHT_SUIT_TITLE, "Kestle Bay Herald", "4 hours ago"],
    COPYRIGHT_SUIT_TITLE,
    COPYRIGHT_SUIT_BODY,
    ["Copyright 2025 Kestle Bay Herald. All rights reserved.", "Follow us on Twitter"],
)

COMMENT_PERIOD_TITLE = "Residents get six weeks to comment on the Fenwick quarry expansion"
COMMENT_PERIOD_BODY = [
    "The county planning office opened a public comment period on Monday for the proposed expansion of the "
    "Fenwick limestone quarry, which would add about forty acres to the pit and extend its working life by "
    "at least fifteen years.",
    "The public comment period closes Friday, March 14, and residents can send their views by post, by "
    "email or in person at two drop-in sessions that will be held at the village hall in Fenwick next "
    "month.",
    "Comments from residents at an earlier consultation were mixed, the council said, with some neighbours "
    "worried about dust and heavy lorries on the lanes and others pointing to the sixty jobs that the "
    "quarry supports in the area.",
    "The quarry's owner, Greyhill Aggregates, says it will plant a screen of trees along the northern edge "
    "and limit blasting to two short windows on weekdays, and it has offered to pay for new passing places "
    "on the road to the village.",
    "Planning officers expect to make a recommendation to the committee in the summer, after they have read "
    "every comment and received a report on the expansion's likely effect on the water table.",
]
COMMENT_PERIOD = _page(
    "comment-period",
    [COMMENT_PERIOD_TITLE, "Fenwick Valley News", "Yesterday"],
    COMMENT_PERIOD_TITLE,
    COMMENT_PERIOD_BODY,
    ["Comments", "Leave a Reply", "You must be logged in to post a comment."],
)

SHARES_TITLE = "Corvane shares jump after the drugmaker wins approval for its asthma inhaler"
SHARES_BODY = [
    "Shares of Corvane Pharmaceuticals rose almost eleven percent on Thursday after the national medicines "
    "regulator approved the company's new asthma inhaler for adults and children over the age of twelve.",
    "Share prices fell 4% on the news at two of Corvane's larger rivals, whose own inhalers have dominated "
    "the market for the past decade and now face a cheaper competitor with a simpler dosing schedule.",
    "Corvane's chief executive, Linnea Osei-Bonsu, said the company would share the results of a longer "
    "study with doctors at a conference in May, and that the inhaler should reach pharmacies by the end of "
    "the summer.",
    "Analysts at Holloway Capital raised their price target for the stock and said the inhaler could bring "
    "in more than three hundred million in annual sales within three years, if insurers agree to cover it.",
    "The company's shares have now more than doubled since January, when it announced that the final trial "
    "had met its goals, and Corvane is worth about four billion on the exchange.",
]
SHARES = _page(
    "share-prices",
    [SHARES_TITLE, "Markets Daily", "26 minutes ago"],
    SHARES_TITLE,
    SHARES_BODY,
    ["Share this article", "Facebook Twitter LinkedIn WhatsApp", "© 2025 Markets Daily Ltd"],
)

# ---------------------------------------------------------------- structure inside
LISTS_TITLE = "What changes for renters in Ashby when the new licensing scheme starts"
LISTS_BODY = [
    "Landlords in Ashby will need a licence for every rented home from the first of April, under a scheme "
    "the borough council says will give tenants a way to report damp, broken heating and unsafe wiring "
    "without fear of being evicted for complaining.",
    "The council expects about nine thousand properties to be covered, and officials said they would "
    "inspect every licensed home at least once during the five years that a licence lasts.",
    "What landlords must do",
    "Apply for a licence for each property before the first of April.",
    "Fit working smoke alarms on every floor of the home.",
    "Provide a gas safety certificate every year.",
    "Give tenants a written contact for repairs.",
    "What tenants can do",
    "Tenants who believe their home is unlicensed can check the council's public register online or ask at "
    "the housing office, and they may be able to claim back up to a year of rent through a tribunal if the "
    "landlord has ignored the scheme.",
    "The council's housing lead, Priyanka Lowther, said that most landlords in the borough already met the "
    "standards and that the scheme was aimed at a small number who had let their properties fall into "
    "disrepair while raising the rent every year.",
]
LISTS = _page(
    "lists",
    [LISTS_TITLE, "Ashby Record", "8 hours ago", "By Tobias Ferreira-Lund"],
    LISTS_TITLE,
    LISTS_BODY,
    ["Tags: housing, renters, Ashby", "© 2025 Ashby Record. All rights reserved.", "Most Read"],
)

# ---------------------------------------------------------------- caption inside
CAPTION_LINE = "Photo: Crews from the county fire service at the mill on Sunday. (Dunmore Gazette)"
CAPTION_TITLE = "Fire guts the old Dunmore flax mill as crews fight the blaze through the night"
CAPTION_BODY = [
    "A fire that started in the roof of the old Dunmore flax mill late on Saturday burned through the night "
    "and destroyed most of the building, which had stood empty since the last looms were shipped away in "
    "the early 1990s.",
    "More than sixty firefighters from four stations worked in shifts to stop the flames from reaching the "
    "row of cottages on Mill Lane, and the families who live there were moved to the community centre as a "
    "precaution until the morning.",
    "Fire service spokesman Hamish Oyelaran said the cause was not yet known, but investigators would be "
    "looking at reports from neighbours that young people had been seen climbing into the building through "
    "a broken window in recent weeks.",
    "The mill was bought by a developer two years ago with plans to turn it into flats, and the company "
    "said on Sunday that it was too early to say whether any part of the structure could be saved.",
]
#: The caption stands between the second and third paragraphs: cruft by default, body with keep={"caption"}.
CAPTION = Page(
    "caption",
    "\n".join(
        [
            *[CAPTION_TITLE, "Dunmore Gazette", "1 hour ago"],
            *CAPTION_BODY[:2],
            CAPTION_LINE,
            *CAPTION_BODY[2:],
            *["© 2025 Dunmore Gazette", "Share Tweet Email"],
        ]
    )
    + "\n",
    CAPTION_TITLE,
    tuple(CAPTION_BODY),
)

# ---------------------------------------------------------------- prose after trailer
AFTER_TRAILER_PROSE = (
    "Our newsroom has covered the valley for more than a hundred years, and we depend on readers like you "
    "to keep our reporters on the streets of every town and village that we serve."
)
AFTER_COMMENTS_PROSE = (
    "I have lived near the orchard for thirty years and I think the council should have listened to the "
    "growers before it sold the land, because the trees were older than most of the houses around them."
)
TRAILER_TITLE = "Orchard sale approved despite objections from growers in Kelby"
TRAILER_BODY = [
    "Kelby's parish council has approved the sale of the last community orchard in the village to a housing "
    "association, which plans to build twenty-two affordable homes on the site over the next three years.",
    "Growers who have tended the orchard's apple and pear trees since the 1970s had asked the council to "
    "keep at least part of the land as a green space, and more than three hundred residents signed a letter "
    "supporting them.",
    "Council chair Wilhelmina Dransfield said the decision had been the hardest of her time in office, but "
    "that the village needed homes that young families could afford and that no other site was available.",
    "The housing association has promised to replant forty of the trees along the edge of the new estate "
    "and to hand a strip of land beside the brook to the growers' society for a smaller orchard.",
]
TRAILER = _page(
    "trailer",
    [TRAILER_TITLE, "Kelby Valley Voice", "6 hours ago"],
    TRAILER_TITLE,
    TRAILER_BODY,
    [
        "©2025 Kelby Valley Voice. Distributed by Shire Syndication.",
        AFTER_TRAILER_PROSE,
        "No comments yet. Be the first to comment!",
        AFTER_COMMENTS_PROSE,
    ],
)

# ---------------------------------------------------------------- metadata
WIRE_TITLE = "Drought forces Carrow reservoir to lowest level in forty years"
WIRE_BODY = [
    "The Carrow reservoir, which supplies drinking water to about half a million people in the eastern "
    "counties, has fallen to its lowest level in forty years after the driest summer since records began at "
    "the dam.",
    "The water company said it had no plans to restrict household use for now, but it asked customers to "
    "avoid watering lawns and washing cars until the autumn rains refilled the reservoir to a safer level.",
    "Engineers have been pumping water from the river Tarne into the reservoir since July, and the company "
    "said it would apply for permission to take more if the weather stayed dry into October.",
    "Farmers in the catchment said their own wells were running low and that some had already sold part of "
    "their herds because they could not be sure of water for the animals through the winter.",
]
WIRE = _page(
    "wire",
    [
        "Carrow Wire Service",
        "March 4, 2025",
        WIRE_TITLE,
        "By Ingrid Halvorsen-Mbeki",
        "CARROW, Eastshire (CWS) —",
    ],
    WIRE_TITLE,
    WIRE_BODY,
    [
        "(Reporting by Ingrid Halvorsen-Mbeki; Editing by Laszlo Grant)",
        "©2025 Carrow Wire Service. Distributed by Fenland Syndicate.",
    ],
)


# ---------------------------------------------------------------- borderline lines
# Pages with short and middling lines (scores, one-line quotes, contact blocks) that test the focus settings.
SPORTS_TITLE = "Harriers edge Rovers in a five-goal thriller at Millbank Park"
SPORTS_BODY = [
    "Millbank Harriers came from behind twice to beat Ashcombe Rovers three goals to two on Saturday, with "
    "substitute Kwabena Ellison scoring the winner four minutes into stoppage time in front of a sold-out "
    "home crowd.",
    "Rovers had led through an early header from their captain, Declan Mbatha, and went ahead again just "
    "after the break when a long shot from the edge of the area slipped through the goalkeeper's gloves.",
    "Harriers 3, Rovers 2.",
    "Both Harriers equalisers came from corners, a sign of the work the coaching staff have put into set "
    "pieces since a run of three straight defeats in the autumn left the club close to the relegation "
    "places.",
    '"We never stopped," said manager Orla Featherstone.',
    "Ellison, who joined on loan in January, said afterwards that he had dreamed of scoring at Millbank "
    "since he watched games from the terraces as a boy, and that his whole family had been in the stand to "
    "see it happen.",
    "Harriers travel to Quarry Lane next Saturday, while Rovers host the league leaders on Tuesday night in "
    "a game that could decide whether they stay in the race for the playoff places.",
]
SPORTS = _page(
    "sports",
    ["Millbank Sport", "Football", SPORTS_TITLE, "2 hours ago", "By Femi Castellanos"],
    SPORTS_TITLE,
    SPORTS_BODY,
    [
        "Share Tweet Email",
        "Most Popular",
        "Match report: Harriers 1, Wanderers 1",
        "© 2025 Millbank Sport Ltd",
    ],
)

PRESS_TITLE = "Ostrander Bakeries to open a training kitchen for young apprentices in Lowmere"
PRESS_BODY = [
    "Ostrander Bakeries announced on Monday that it will open a training kitchen in Lowmere next year, "
    "offering paid apprenticeships to forty young people a year who want to learn the craft of bread and "
    "pastry making from the company's master bakers.",
    "The kitchen will be housed in a former printworks on Dyer Street that the company bought last spring, "
    "and the first apprentices will start in September after a summer of building work.",
    '"Good bakers are getting harder to find, and we would rather train them ourselves than complain about '
    'it," said managing director Henrietta Vasquez-Ronan, whose grandfather founded the bakery in 1948.',
    "Apprentices will spend four days a week in the kitchen and one day at Lowmere College, and those who "
    "complete the two-year course will be offered a permanent job at one of the company's twelve shops.",
]
# The company profile under "About <Company>" is press-release boilerplate, not the news.
PRESS_ABOUT = [
    "About Ostrander Bakeries",
    "Ostrander Bakeries is a family business with twelve shops and three hundred staff across the north of "
    "the county, and it supplies bread to more than sixty schools and care homes every morning.",
]
PRESS = _page(
    "press-release",
    ["Lowmere Business Wire", "Press release", PRESS_TITLE, "LOWMERE, Northshire —"],
    PRESS_TITLE,
    PRESS_BODY,
    [*PRESS_ABOUT, "Media contact:", "Jonah Pettifer", "press@ostrander.example", "+44 20 7946 0000", "###"],
)

BLOG_TITLE = "Ten years of growing tomatoes on a windy allotment"
BLOG_BODY = [
    "When I took on plot fourteen at the Sheringham Road allotments ten years ago, the old hands warned me "
    "that nothing tender would survive the wind that comes off the hill in May, and for the first three "
    "summers they were right.",
    "The trick, it turned out, was not a greenhouse but a hedge: I planted a row of hawthorn along the "
    "western edge of the plot, and by the fourth year it was tall enough to take the worst of the gusts.",
    "I still lose a few plants.",
    "These days I grow six varieties, and the small yellow cherry tomatoes are always the first to ripen "
    "and the last to give up in the autumn, long after the big beefsteaks have split in the rain.",
    "If you are starting out on an exposed plot, my advice is to be patient with it, to talk to your "
    "neighbours about what has worked for them, and to keep a notebook of every sowing and every failure.",
]
BLOG = _page(
    "blog",
    ["The Windy Plot", "Home", "About", "Recipes", BLOG_TITLE, "Posted by Margit Szabo-Lee"],
    BLOG_TITLE,
    BLOG_BODY,
    ["Like this:", "Like Loading...", "3 Responses", "Leave a Reply", "Powered by WordPress"],
)

#: Pages whose body and title are known; each is realistic and drives the focus and whole-page checks.
ALL_PAGES: tuple[Page, ...] = (
    AGGREGATOR,
    RELATED_FIRST,
    QUOTING,
    AD_BAN,
    COPYRIGHT_SUIT,
    COMMENT_PERIOD,
    SHARES,
    LISTS,
    CAPTION,
    TRAILER,
    WIRE,
    SPORTS,
    PRESS,
    BLOG,
)
