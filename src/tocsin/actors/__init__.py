"""Actors: the coded knowledge base (:mod:`kb`), the entity ruler fed by it (:mod:`ruler`) and the
coding of a mention into kind / CAMEO-style code / country / sector (:mod:`codes`)."""
