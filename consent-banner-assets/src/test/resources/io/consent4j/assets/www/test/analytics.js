// A gated analytics script: leaves every trace a real one would, so tests can tell whether it ran.
document.cookie = '_pk_id.1=visitor; path=/; max-age=3600';
localStorage.setItem('analytics-ran', '1');
(window.ran = window.ran || []).push('analytics');
fetch('/counter/analytics', { method: 'POST' });
