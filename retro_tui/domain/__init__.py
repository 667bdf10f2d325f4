"""The domain of a self-organising team: pure Python over the store, no Textual."""
