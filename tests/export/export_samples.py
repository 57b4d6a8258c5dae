"""Hostile strings the exports must carry as inert text (imported by conftest and the tests)."""
HOSTILE_SCRIPT = "</script><script>window.__xss=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__xss=2">'
