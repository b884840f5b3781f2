"""Reading answers typed in one's own words: places, numbers, phrases and the vocabulary behind them."""
