"""The coefficient's pages: models and their results (public), an area's explanation and what-if (public;
saving a scenario needs an organisation), national administrators' imports, an organisation's scenarios."""
