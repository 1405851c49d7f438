"""The reading site's views, one module per area: reading (issues, pages, articles), directory (reporters,
regions, feeds) and search. Views are thin: a QuerySet method or a service, then a template."""
