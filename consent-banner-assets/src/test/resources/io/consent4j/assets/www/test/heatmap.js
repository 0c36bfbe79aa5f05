document.cookie = '_hm_user=visitor; path=/; max-age=3600';
(window.ran = window.ran || []).push('heatmap');
fetch('/counter/heatmap', { method: 'POST' });
