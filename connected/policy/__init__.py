"""Policy: the Loneliness Test for policies and the tracker of strategy commitments (issue 21)."""
