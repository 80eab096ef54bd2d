"""The JSON API's response shapes, so that /openapi.json describes every field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from archive.search import Hit, Publication


class StoryArticle(BaseModel):
    id: int
    title: str | None
    url: str
    published_at: str | None
    municipality: str


class StoryDecision(BaseModel):
    join: bool = Field(description="Whether the evidence joins the two articles (archive/evidence.py)")
    jaccard: float = Field(description="Estimated share of the bodies' 5-word shingles (MinHash)")
    reasons: list[str] = Field(description="The evidence, one line each: dates, quotes, people, headings")


class StoryLink(StoryDecision):
    a: int
    b: int


class StoryCandidate(StoryArticle, StoryDecision):
    pass


class StoryExplanation(BaseModel):
    article: StoryArticle
    story_id: int | None
    articles: list[StoryArticle] = Field(description="The story's articles (the article alone when in none)")
    links: list[StoryLink] = Field(description="Every pair of the story's articles with its decision")
    candidates: list[StoryCandidate] = Field(description="Near-duplicates (LSH) not in the story, and why")


class FacetCount(BaseModel):
    value: str
    count: int


class Facets(BaseModel):
    municipality: list[FacetCount]
    year: list[FacetCount]
    topic: list[FacetCount]


class SearchResponse(BaseModel):
    query: str
    total: int = Field(description="Matching articles (a collapsed story is one hit but counts its articles)")
    more: bool = Field(description="Another page of hits follows")
    hits: list[Hit]
    facets: Facets | None = Field(None, description="With facets=true: article counts per municipality, year, topic")


class Timeline(BaseModel):
    months: list[str] = Field(description="Every month from the first to the last, YYYY-MM")
    series: dict[str, list[int]] = Field(description="Municipality -> articles per month, aligned with months")


class Revision(BaseModel):
    id: int
    first_seen_at: str
    last_seen_at: str
    capture_id: int | None
    changes: dict[str, str] = Field(description="Field -> word diff against the previous revision ([-old-] {+new+})")


class Capture(BaseModel):
    id: int
    url: str
    final_url: str
    status: int
    fetched_at: str
    length: int
    sha256: str


class ArticleResponse(BaseModel):
    id: int
    story_id: int | None
    topics: list[str] = Field(description="The article's topics (archive/topics.py, docs/topics.md)")
    first_seen_at: str
    last_seen_at: str
    record: dict[str, Any] = Field(description="The latest record (archive/schema/article.schema.json)")
    revisions: list[Revision]
    also_published: list[Publication]
    people_ids: dict[str, int] = Field(description="Name -> id of the people page")
    captures: list[Capture]


class PersonSummary(BaseModel):
    id: int
    name: str
    articles: int
    quotes: int
    last_seen: str | None


class PeopleResponse(BaseModel):
    total: int
    people: list[PersonSummary]


class Role(BaseModel):
    role: str | None = Field(description="The role as the articles give it, without its place")
    party: str | None
    municipality: str | None = Field(description="The municipality the role's text names (not the publishing site)")
    first_seen: str | None
    last_seen: str | None
    articles: int


class Quote(BaseModel):
    text: str
    role: str | None
    party: str | None
    article_id: int
    title: str | None
    published_at: str | None
    municipality: str = Field(description="The site that published the article")
    story_id: int | None
    url: str
    also_published: list[Publication] = Field(description="The story's other articles that repeat this quote")


class ArticleRef(BaseModel):
    id: int
    title: str | None
    published_at: str | None
    municipality: str


class PersonResponse(BaseModel):
    id: int
    name: str
    roles: list[Role]
    quotes: list[Quote]
    articles: list[ArticleRef]


class Watch(BaseModel):
    name: str
    query: str
    created_at: str
    email: str | None
    webhook_url: str | None
    entries: int


class NewWatch(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    query: str = Field(max_length=1000)
    email: str | None = None
    webhook_url: str | None = None


class Error(BaseModel):
    error: str
