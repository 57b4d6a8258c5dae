"""The person-span index in gazetteer/scan.py answers exactly as the pairwise check it replaced (issue 13: linear time)."""
from hypothesis import given, strategies as st
from timeline.gazetteer.scan import _SpanIndex
spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)
@given(spans, st.integers(0, 90), st.integers(1, 15))
def test_same_as_linear(sp, s, n):
    e = s + n
    assert _SpanIndex(sp).touches(s, e) == any(ps <= s < pe or ps < e <= pe for ps, pe in sp)
