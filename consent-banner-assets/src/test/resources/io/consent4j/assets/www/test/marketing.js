document.cookie = '_gcl_au=1.1.1; path=/; max-age=3600';
(window.ran = window.ran || []).push('marketing');
fetch('/counter/marketing', { method: 'POST' });
