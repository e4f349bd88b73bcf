// The reader's time zone, from the first page view on. The server writes each time as <time datetime="ISO">, its
// text in the zone of the tz cookie (GMT+8 before there is one); here every such time is written again in the
// browser's own zone with the same pattern (yyyy-M-d HH:mm, the seed page's), so no page shows another zone, and
// the cookie is set (or corrected, after the reader moved) so that pages made without this script agree.
(function () {
  'use strict';
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function format(d) {
    return d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate() + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }
  // The footer's zone as the seed page names it: GMT+8, GMT-5, GMT+5:30.
  function offset(d) {
    var minutes = -d.getTimezoneOffset();
    var sign = minutes < 0 ? '-' : '+';
    minutes = Math.abs(minutes);
    return minutes === 0 ? 'GMT' : 'GMT' + sign + Math.floor(minutes / 60) + (minutes % 60 ? ':' + two(minutes % 60) : '');
  }
  var zone = null;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch (e) { /* an old browser: the times stay as the server wrote them */ }
  var times = document.querySelectorAll('time[datetime]');
  for (var i = 0; i < times.length; i++) {
    var d = new Date(times[i].getAttribute('datetime'));
    if (!isNaN(d.getTime())) {
      times[i].textContent = format(d);
      if (zone) {
        times[i].title = format(d) + ' (' + zone + ')';
      }
    }
  }
  var label = document.querySelector('#stats .zone');
  if (label) {
    label.textContent = offset(new Date());
  }
  if (zone) {
    var current = document.cookie.match(/(?:^|;\s*)tz=([^;]*)/);
    if (!current || decodeURIComponent(current[1]) !== zone) {
      document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
    }
  }
})();
