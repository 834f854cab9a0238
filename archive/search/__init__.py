"""The search index: one tokenizer (with static/tokenizer.js), lunr.js indexes written in chunks, fragments and facets."""
