"""The rules of magcli, apart from any command line or output: the catalogue and its
models, the grammar of amounts and names, intake needs and limits by region, doses, label
checks and costs, medicine timing, the day's plan, shelves and label records, and
ranking. Nothing here prints, parses options or knows a format."""
