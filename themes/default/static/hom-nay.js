// Sessions by the reader's own date: "Đã qua" (gone from coming lists),
// "Hôm nay", "Ngày mai". Pages are right as built without it.
(function () {
  function iso(d) {
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }
  var now = new Date();
  var today = iso(now);
  var tomorrow = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  function word(time) {
    var day = time ? time.dateTime.slice(0, 10) : '';
    return !day ? '' : day < today ? 'Đã qua' : day === today ? 'Hôm nay' : day === tomorrow ? 'Ngày mai' : '';
  }
  function tag(w, at) {
    var t = document.createElement('strong');
    t.className = 'badge when-tag';
    t.textContent = w;
    at.before(t, ' ');
  }
  var items = document.querySelectorAll('table.schedule tbody tr, table.week:not(.grid) tbody tr, ul.sessions > li');
  for (var i = 0; i < items.length; i++) {
    var item = items[i];
    // A week sheet's day is on its first row.
    var time = item.querySelector('time[datetime]') || item.parentNode.querySelector('time[datetime]');
    var w = word(time);
    if (!w) continue;
    if (w === 'Đã qua' && item.closest('.coming')) {
      item.hidden = true;
      continue;
    }
    tag(w, item.contains(time) ? time : item.querySelector('td') || item.firstChild);
    if (w === 'Đã qua') item.classList.add('past');
  }
  // A dense week's grid: tag the day's header, mute a past day's cells.
  var heads = document.querySelectorAll('table.grid th time');
  for (var h = 0; h < heads.length; h++) {
    w = word(heads[h]);
    if (!w) continue;
    tag(w, heads[h]);
    var th = heads[h].parentNode, rows = th.closest('table').rows;
    for (var r = 0; w === 'Đã qua' && r < rows.length; r++) rows[r].cells[th.cellIndex].classList.add('past');
  }
  // A coming list now all past says so.
  var lists = document.querySelectorAll('.coming');
  for (var j = 0; j < lists.length; j++) {
    if (!lists[j].querySelector('li:not([hidden]), tbody tr:not([hidden])')) {
      var note = document.createElement('p');
      note.textContent = 'Các buổi này đã qua. Xem lịch từng tuần trên trang Lịch.';
      lists[j].before(note);
      lists[j].hidden = true;
    }
  }
})();
