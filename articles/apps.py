from __future__ import annotations

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "新闻稿件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles import pagecache  # the models are loaded only now

        pagecache.connect_signals()
