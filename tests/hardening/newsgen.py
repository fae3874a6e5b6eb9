"""Generated news-like English articles for the hardening tests and ``bench_scale.py``.

Articles are built from sentence templates filled with random names, places, numbers and
dates, so sentences differ from article to article (as in a real newsroom, where a few
sentences repeat: bylines, boilerplate) and the segmenter sees realistic text: a headline,
a dateline, a byline, body paragraphs of two to four sentences, quotes, percentages and
thousands separators. The same seed always gives the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

PEOPLE = [
    "Jens Stoltenberg", "Zalmay Khalilzad", "Abdullah Abdullah", "Ashraf Ghani",
    "Fawzia Koofi", "Amrullah Saleh", "Shershah Nawabi", "Mariam Wardak", "Habiba Sarabi",
    "Rahmatullah Nabil", "Deborah Lyons", "Tadamichi Yamamoto", "Sima Samar", "Hamid Karzai",
    "Zabihullah Mujahid", "Nilofar Bayat", "Ahmad Zia Massoud", "Rula Ghani",
]
ROLES = [
    "spokesman", "governor", "minister", "deputy minister", "police chief",
    "special envoy", "head", "secretary general", "commander", "senior official",
]
ORGS = [
    "NATO", "the United Nations", "the Ministry of Interior", "the Ministry of Defence",
    "the Independent Election Commission", "the Afghan Red Crescent Society",
    "the World Health Organization", "the European Union", "the High Peace Council",
    "the Ministry of Education", "the World Food Programme", "the provincial council",
]
PLACES = [
    "Kabul", "Herat", "Kandahar", "Mazar-i-Sharif", "Jalalabad", "Kunduz", "Ghazni",
    "Helmand", "Bamyan", "Badakhshan", "Paktia", "Nangarhar", "Farah", "Faryab", "Logar",
    "Khost", "Baghlan", "Takhar", "Zabul", "Uruzgan",
]
GROUPS = [
    "civilians", "soldiers", "police officers", "students", "teachers", "refugees",
    "health workers", "farmers", "returnees", "families", "schools", "clinics",
]
VERBS = [
    "killed", "wounded", "displaced", "evacuated", "trained", "registered", "vaccinated",
    "reopened", "rebuilt", "closed", "supplied", "inspected",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
AGENCIES = ["Pajhwok", "Reuters", "AFP", "TOLOnews", "PMG", "AP"]
TOPICS = [
    "peace talks", "election results", "border trade", "school enrolment", "flood relief",
    "vaccination campaign", "security transition", "budget negotiations", "drought response",
]

SENTENCES = [
    "{person}, the {role} of {org}, said on {day} that {num} {group} had been {verb} in {place}.",
    "At least {num} {group} were {verb} in {place} province on {day}, officials said.",
    "The {topic} in {place} will continue next week after a meeting of ministers in {place2}.",
    "{org} said it had {verb} {big} {group} across {num} districts since {month} {year}.",
    ("“We are working closely with our partners in {place} to make sure that the gains of "
     "the last {num} years are not lost,” {person} told reporters."),
    ("According to {org}, about {pct}% of the {group} in {place} have not received any "
     "support this year."),
    "The budget for the {topic} rose by {num}.{small} million dollars in {year}, the ministry said.",
    "Residents of {place} said the road to {place2} had been closed for {num} days.",
    "{person} is expected to travel to {place} on {day} to discuss the {topic} with local elders.",
    "Officials in {place} said {big} {group} had returned home since {month}.",
    "The {role} of {org} said the {topic} would be reviewed before the end of {month}.",
    "No group has claimed responsibility for the attack in {place}, which {verb} {num} {group}.",
    "In a statement on {day}, {org} called on all sides to protect {group} in {place}.",
    "Trade between {place} and {place2} fell by {pct}% in the first {small} months of {year}.",
    "{person} said the talks in {place2} had been “constructive” but that much work remained.",
    "More than {big} {group} in {place} depend on aid from {org}, according to a new report.",
    "The {topic} was postponed after {num} members of the council failed to attend.",
    "Local media reported that {num} {group} were {verb} when floods hit {place} on {day}.",
]
HEADLINES = [
    "{org} says {num} {group} {verb} in {place}",
    "{topic} resume in {place} after {num}-day pause",
    "{person}: {topic} must include {group}",
    "{big} {group} {verb} in {place} this year, says {org}",
]


def _fill(rng: random.Random, template: str) -> str:
    place, place2 = rng.sample(PLACES, 2)
    values = {
        "person": rng.choice(PEOPLE), "role": rng.choice(ROLES), "org": rng.choice(ORGS),
        "place": place, "place2": place2, "group": rng.choice(GROUPS), "verb": rng.choice(VERBS),
        "day": rng.choice(DAYS), "month": rng.choice(MONTHS), "year": rng.randint(2001, 2030),
        "num": rng.randint(2, 999), "small": rng.randint(1, 9), "pct": rng.randint(1, 99),
        "big": f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}", "topic": rng.choice(TOPICS),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def generate_article(rng: random.Random, units: int = 40) -> str:
    """One article of about ``units`` translatable units (headline, dateline, byline, body)."""
    headline = _fill(rng, rng.choice(HEADLINES))
    dateline = f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)}):"
    byline = f"Report: {rng.choice(PEOPLE)}"
    paragraphs = [headline, dateline, byline]
    body = max(1, units - 3)
    while body > 0:
        count = min(body, rng.randint(2, 4))
        paragraphs.append(" ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(count)))
        body -= count
    return "\n".join(paragraphs) + "\n"


def write_articles(folder: Path, count: int, *, seed: int = 0, units: int = 40,
                   prefix: str = "story") -> list[Path]:
    """Write ``count`` generated articles ``<prefix>-00001.txt``... into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    width = max(5, len(str(count)))
    for number in range(1, count + 1):
        path = folder / f"{prefix}-{number:0{width}d}.txt"
        path.write_text(generate_article(rng, units), encoding="utf-8")
        paths.append(path)
    return paths
