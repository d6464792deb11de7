"""Small fictional pages of each page type, as HTML and as the text dump of that HTML, for the classifier's
tests. Every name, product and sentence here is invented."""

from __future__ import annotations

_PROSE = [
    "The harbour authority confirmed on Monday that the northern breakwater will be rebuilt over the next "
    "two winters, using stone quarried on the far side of the bay and carried over by barge.",
    "Fishermen who moor inside the wall said the work was overdue, since the storms of the last three years "
    "had opened gaps that let the swell run straight into the inner basin at high tide.",
    "Engineers plan to close the harbour mouth for no more than six nights in total, and the ferry to the "
    "islands will keep its timetable except on those nights, when it will sail from the old coal pier.",
    "The cost of the work is shared between the regional government and the port, which will raise its "
    "mooring fees by a small amount each year until the loan is paid back in full.",
    "Residents will be able to see the plans at the library in the square until the end of the month, and "
    "the harbour master will answer questions there on two Saturday mornings in March.",
]


def _page(title: str, head: str, body: str) -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def article() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in _PROSE)
    return _page(
        "Why the northern breakwater is being rebuilt - Bayside Courier",
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2031-03-02T08:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": "Ilse Varga"}</script>',
        '<nav><a href="/">Home</a><a href="/news">News</a></nav>'
        "<article><h1>Why the northern breakwater is being rebuilt</h1>"
        '<p class="byline">By Ilse Varga</p><time datetime="2031-03-02">2 March 2031</time>'
        f"{paragraphs}</article><footer>© 2031 Bayside Courier</footer>",
    )


def forum() -> str:
    posts = []
    replies = [
        "Has anyone fitted the larger fuel tank to an older boat? Mine is the short-hull model from the "
        "first production year and I am not sure the brackets line up with the frame.",
        "I did this last spring on the same hull. The rear bracket lines up but the front one needs a "
        "spacer, about ten millimetres, otherwise the tank rocks when the sea gets choppy.",
        "Agree with the spacer. I used a block of hardwood soaked in oil and it has held up for two seasons "
        "without any sign of rot or movement at all.",
        "Thanks both, that is exactly what I needed to hear. I will order the tank this week and report back "
        "once it is in and has done a few trips out to the islands.",
    ]
    for n, text in enumerate(replies):
        posts.append(
            f'<div class="post" id="post-{n}"><div class="post-author"><a href="/u/{n}">sailor{n}</a>'
            f'<span class="user-posts">Posts: {12 * (n + 1)}</span><span>Joined: 2029</span></div>'
            f'<time datetime="2031-01-0{n + 1}">Jan {n + 1}, 2031</time>'
            f'<div class="message">{text}</div><a class="reply" href="#">Reply</a>'
            f'<a href="#">Quote</a></div>'
        )
    return _page(
        "Bigger fuel tank on a short hull? - Small Boats Forum",
        '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
        '<h1>Bigger fuel tank on a short hull?</h1><div class="thread">' + "".join(posts) + "</div>",
    )


def product() -> str:
    return _page(
        "Aurora 40 Trail Backpack - Buy Online | Fellwalker Outfitters",
        '<meta property="og:type" content="product">'
        '<script type="application/ld+json">{"@type": "Product", "offers": {"@type": "Offer"}}</script>',
        '<div class="product"><h1>Aurora 40 Trail Backpack</h1><div class="price">$129.00</div>'
        "<p>A forty-litre pack with a ventilated back panel and a rain cover in the lid pocket.</p>"
        '<label>Quantity</label><input type="number" name="qty"><select name="colour"><option>Moss</option>'
        '<option>Slate</option></select><button class="add-to-cart">Add to cart</button>'
        "<p>In stock. Free shipping on orders over $50.</p><h2>Specifications</h2><ul><li>Weight: 1.2 kg</li>"
        "<li>Volume: 40 l</li><li>SKU: FW-A40</li></ul><h2>Reviews</h2><p>4.6 out of 5 stars, 38 reviews</p>"
        "<p>Write a review</p></div>",
    )


def collection() -> str:
    cards = "".join(
        f'<li class="product-card"><a href="/p/{n}"><img src="/i/{n}.jpg" alt="">'
        f'<span class="product-title">Trail Shoe Model {n}</span></a><span class="price">${60 + n}.00</span>'
        f'<a class="quick-view" href="/p/{n}">Quick view</a></li>'
        for n in range(24)
    )
    return _page(
        "Men's Trail Shoes | Shop Sale | Fellwalker Outfitters",
        '<script type="application/ld+json">{"@type": "CollectionPage"}</script>',
        '<h1>Men\'s Trail Shoes</h1><p>Showing 1-16 of 84 results</p><div class="filters"><p>Filter</p>'
        "<ul><li>Size</li><li>Colour</li><li>Brand</li></ul><p>Sort by</p></div>"
        f'<ul class="product-grid">{cards}</ul><div class="pagination"><a href="?page=2">2</a></div>',
    )


def listing() -> str:
    teasers = "".join(
        f'<div class="teaser"><h3><a href="/news/{n}">Council sets out plans for the harbour district, '
        f'part {n}</a></h3><time datetime="2031-02-{n + 10}">Feb {n + 10}, 2031</time>'
        f'<p>A short summary of the story.</p><a href="/news/{n}">Read more</a></div>'
        for n in range(12)
    )
    return _page(
        "Latest News | Bayside Courier",
        "",
        f'<h1>Latest News</h1><div class="listing">{teasers}</div>'
        '<div class="pagination"><a href="?page=2">Next page</a> Page 1 of 9</div>',
    )


def documentation() -> str:
    return _page(
        "parse_tide() - API Reference | tidekit documentation",
        "",
        '<nav class="docs-sidebar"><ul><li><a href="/docs/install">Installation</a></li>'
        '<li><a href="/docs/api">API reference</a></li><li><a href="/docs/config">Configuration</a></li>'
        "</ul></nav><main><h1>parse_tide()</h1><p>Reads a tide table and returns the high and low waters "
        "of each day.</p><h2>Parameters</h2><ul><li><code>path</code>: the table file.</li>"
        "<li><code>tz</code>: the time zone of the table.</li></ul><h2>Returns</h2><p>A list of "
        "<code>Tide</code> objects.</p><h2>Example</h2>"
        '<pre class="highlight"><code>from tidekit import parse_tide\ntides = parse_tide("bay.csv")\n'
        "for tide in tides:\n    print(tide.height)\n</code></pre>"
        '<p>On this page</p><a href="https://example.org/edit">Edit this page</a></main>',
    )


def service() -> str:
    plans = "".join(
        f'<div class="pricing-plan"><h3>{name}</h3><p class="price">${price} per month</p>'
        f'<a class="cta" href="/signup">Start free trial</a></div>'
        for name, price in (("Starter", 9), ("Team", 29), ("Business", 79))
    )
    return _page(
        "Harbourline - Scheduling Software for Marinas | Pricing and Plans",
        '<script type="application/ld+json">{"@type": "SoftwareApplication"}</script>',
        '<section class="hero"><h1>Run your marina without the paperwork</h1>'
        '<a class="cta" href="/demo">Book a demo</a></section><section class="features"><h2>Features</h2>'
        "<p>Berth bookings, invoices and tide alerts in one place.</p></section>"
        f'<section class="pricing">{plans}</section><section class="testimonials"><h2>Testimonials</h2>'
        '<p>Trusted by marinas on three coasts.</p></section><section class="faq"><h2>FAQ</h2>'
        "<h3>Can I cancel at any time?</h3><p>Yes.</p><h3>Is there a setup fee?</h3><p>No.</p></section>"
        '<form><input name="email"><button>Contact us</button></form>',
    )


#: Each page type's fictional page.
PAGES = {
    "article": article,
    "forum": forum,
    "product": product,
    "collection": collection,
    "listing": listing,
    "documentation": documentation,
    "service": service,
}
