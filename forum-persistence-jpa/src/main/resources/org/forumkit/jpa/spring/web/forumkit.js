/*
 * Forumkit comments widget: plain JavaScript, no build step, no third-party request. Embed with two lines
 *   <div data-forumkit-key="article-42"></div>
 *   <script src="https://forum.example/forumkit/forumkit.js" defer></script>
 * or from your own code: Forumkit.mount(element, {key, title, locale, theme, baseUrl, pageSize}).
 * Each widget lives in a shadow root (no style leaks in or out; theme it with --fk-* custom properties on the
 * element), reads and writes through the forum's JSON API (the first view is one GET /comments request, which brings
 * the viewer and the CSRF token too) and puts nothing in innerHTML but the server's sanitised post html.
 * <span data-forumkit-count="article-42"></span> anywhere on the page shows that thread's comment count.
 */
(function () {
  'use strict';
  var API = '/api'; // replaced with forumkit.api.base-path when served
  var LOGIN = '/login'; // replaced with forumkit.widget.login-url when served
  var script = document.currentScript;
  var scriptUrl = script && script.src ? new URL(script.src, document.baseURI) : null;

  var TEXTS = {
    zh: {
      comments: '评论', count: '{0} 条评论', empty: '还没有评论，来抢沙发吧。', more: '加载更多',
      support: '支持', oppose: '反对', reply: '回复', report: '举报', onlyAuthor: '只看该作者',
      onlyShowing: '只看 {0} 的评论', showAll: '查看全部', sort: '排序', oldest: '最早', newest: '最新', mostSupported: '最多支持',
      submit: '发表评论', sending: '发送中…', quoting: '引用 {0}# 楼', cancel: '取消', signIn: '登录',
      wrote: '{0} 发表于 {1}', edited: '原帖已编辑。', gone: '原帖已删除。', deleted: '该评论已被删除。',
      floor: '{0}#', opening: '楼主', loginRequired: '您需要登录后才可以回帖', yourComment: '写下你的评论',
      format: '格式', PLAIN: '纯文本', MARKDOWN: 'Markdown', BBCODE: 'BBCode', preview: '预览', edit: '编辑',
      previewEmpty: '（没有内容）', counter: '{0} / {1} 字', reason: '举报原因', SPAM: '广告', ABUSE: '辱骂',
      OFF_TOPIC: '离题', OTHER: '其他', detail: '补充说明（可选）', sendReport: '提交举报', reported: '已举报，谢谢。',
      posted: '评论已发表（第 {0} 楼）。', pending: '发送中…', notPosted: '评论未能发表，内容已放回输入框。', theme: '切换深色/浅色', floorLabel: '{0}# 楼，{1}',
      blank: '内容不能为空。', too_long: '内容太长：最多 {0} 字，现在 {1} 字。', censored: '内容包含不允许的词语。',
      unknown_format: '不支持这种格式。', required: '此项必填。', unknown_floor: '引用的楼层不存在。',
      LOGIN_REQUIRED: '您需要先登录。', RATE_LIMITED: '操作太快了，请稍后再试。',
      CSRF: '页面已过期，请刷新后重试。', NOT_FOUND: '找不到这个评论区。', TOPIC_LOCKED: '评论已关闭。',
      BANNED: '您已被禁止发言。', NOT_ALLOWED: '您没有权限这样做。', OWN_POST: '不能给自己的评论投票。',
      NETWORK: '网络错误，请检查连接后重试。', failed: '出错了：{0}'
    },
    en: {
      comments: 'Comments', count: '{0} comments', empty: 'No comments yet. Be the first!', more: 'Load more',
      support: 'Support', oppose: 'Oppose', reply: 'Reply', report: 'Report', onlyAuthor: 'Only this author',
      onlyShowing: 'Showing only comments by {0}', showAll: 'Show all', sort: 'Sort', oldest: 'Oldest',
      newest: 'Newest', mostSupported: 'Most supported', submit: 'Post comment', sending: 'Sending…', quoting: 'Quoting #{0}', cancel: 'Cancel',
      signIn: 'Sign in', wrote: '{0} wrote at {1}', edited: 'The quoted post has been edited since.',
      gone: 'The quoted post has been deleted.', deleted: 'This comment was deleted.', floor: '#{0}',
      opening: '#1', loginRequired: 'You need to sign in before you can comment', yourComment: 'Your comment',
      format: 'Format', PLAIN: 'Plain text', MARKDOWN: 'Markdown', BBCODE: 'BBCode', preview: 'Preview',
      edit: 'Edit', previewEmpty: '(nothing yet)', counter: '{0} / {1} characters', reason: 'Reason',
      SPAM: 'Spam', ABUSE: 'Abuse', OFF_TOPIC: 'Off topic', OTHER: 'Other', detail: 'Details (optional)',
      sendReport: 'Send report', reported: 'Reported, thank you.', posted: 'Your comment is posted (#{0}).',
      pending: 'Sending…', notPosted: 'Your comment was not posted; it is back in the editor.',
      theme: 'Switch dark/light', floorLabel: '#{0}, {1}', blank: 'The comment is empty.',
      too_long: 'Too long: at most {0} characters, this has {1}.', censored: 'The comment has a word that is not allowed.',
      unknown_format: 'This format is not supported.', required: 'This is required.',
      unknown_floor: 'The quoted floor does not exist.', LOGIN_REQUIRED: 'You need to sign in first.',
      RATE_LIMITED: 'Too fast: please wait a moment and try again.',
      CSRF: 'The page has expired: reload it and try again.', NOT_FOUND: 'This comment thread does not exist.',
      TOPIC_LOCKED: 'Comments are closed.', BANNED: 'You are banned from commenting.',
      NOT_ALLOWED: 'You may not do this.', OWN_POST: 'You cannot vote on your own comment.',
      NETWORK: 'Network error: check your connection and try again.', failed: 'Something went wrong: {0}'
    }
  };

  function fmt(text) {
    var args = Array.prototype.slice.call(arguments, 1);
    return String(text).replace(/\{(\d)\}/g, function (m, i) { return String(args[+i]); });
  }

  /** An element; attrs 'text' sets textContent, 'on' is {event: handler}; never innerHTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { node.textContent = v; } else if (k === 'on') {
        Object.keys(v).forEach(function (e) { node.addEventListener(e, v[e]); });
      } else { node.setAttribute(k, v === true ? '' : v); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function codePoints(text) { return Array.from(text).length; }

  function localeOf(option) {
    var wanted = option || document.documentElement.lang || navigator.language || 'zh';
    return String(wanted).toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  }

  var nextId = 0;

  function Widget(host, options) {
    this.host = host;
    this.options = options || {};
    this.key = this.options.key || host.getAttribute('data-forumkit-key');
    if (!this.key) { throw new Error('Forumkit.mount needs a key'); }
    var base = this.options.baseUrl || host.getAttribute('data-forumkit-base-url') || (scriptUrl ? scriptUrl.origin : location.origin);
    this.base = String(base).replace(/\/+$/, '');
    this.locale = localeOf(this.options.locale || host.getAttribute('data-forumkit-locale'));
    this.theme = this.options.theme || host.getAttribute('data-forumkit-theme') || 'auto';
    this.pageSize = this.options.pageSize || 20;
    this.order = String(this.options.order || host.getAttribute('data-forumkit-order') || 'OLDEST').toUpperCase();
    this.author = null;
    this.quote = null;
    this.id = 'fk' + (++nextId);
    this.root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    host.forumkit = this;
  }

  Widget.prototype.t = function (name) { return TEXTS[this.locale][name] || name; };

  Widget.prototype.api = function (method, path, body) {
    var init = { method: method, credentials: 'include', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      var s = this.session;
      if (s && s.csrfToken) { init.headers[s.csrfHeader || 'X-CSRF-TOKEN'] = s.csrfToken; }
      init.body = JSON.stringify(body);
    }
    return fetch(this.base + API + path, init).catch(function () {
      var e = new Error('network'); e.body = { error: 'NETWORK' }; throw e;
    }).then(function (r) {
      return r.json().catch(function () { return { error: 'HTTP_' + r.status }; }).then(function (json) {
        if (!r.ok) { var e = new Error(json.message || json.error); e.body = json; throw e; }
        return json;
      });
    });
  };

  /** What went wrong, in the widget's language: violations by code, else the error code, else the server's text. */
  Widget.prototype.explain = function (error) {
    var self = this;
    var body = (error && error.body) || {};
    if (body.violations && body.violations.length) {
      return body.violations.map(function (v) {
        if (v.code === 'too_long') {
          return fmt(self.t('too_long'), self.maxBody, self.input ? codePoints(self.input.value) : '?');
        }
        return TEXTS[self.locale][v.code] || v.message || v.code;
      }).join(' ');
    }
    var reason = body.reason || body.error;
    return TEXTS[this.locale][reason] || fmt(this.t('failed'), body.message || reason || error);
  };

  Widget.prototype.start = function () {
    this.frame();
    return this.reload();
  };

  /** The fixed parts: stylesheet, header with count, sort and theme, list, more button, composer. */
  Widget.prototype.frame = function () {
    var self = this;
    this.root.textContent = '';
    var css = scriptUrl ? new URL('forumkit.css', scriptUrl).href : this.base + '/forumkit/forumkit.css';
    this.root.appendChild(el('link', { rel: 'stylesheet', href: css }));
    var title = this.options.title || this.host.getAttribute('data-forumkit-title');
    this.box = el('section', { 'class': 'fk', 'data-theme': this.theme, lang: this.locale === 'zh' ? 'zh-CN' : 'en',
      'aria-label': this.t('comments') + (title ? ': ' + title : '') });
    this.countLabel = el('h2', { 'class': 'fk-count', id: this.id + '-count' });
    this.sort = el('select', { 'class': 'fk-sort', id: this.id + '-sort', on: { change: function () {
      self.order = self.sort.value; self.reload();
    } } }, [el('option', { value: 'OLDEST', text: this.t('oldest') }), el('option', { value: 'NEWEST', text: this.t('newest') }),
      el('option', { value: 'MOST_SUPPORTED', text: this.t('mostSupported') })]);
    this.sort.value = this.order;
    var themeButton = el('button', { type: 'button', 'class': 'fk-theme', 'aria-label': this.t('theme'), title: this.t('theme'),
      text: '◐', on: { click: function () { self.setTheme(self.effectiveTheme() === 'dark' ? 'light' : 'dark'); } } });
    this.box.appendChild(el('header', { 'class': 'fk-head' }, [this.countLabel,
      el('span', { 'class': 'fk-tools' }, [el('label', { 'for': this.id + '-sort', text: this.t('sort') }), this.sort, themeButton])]));
    this.filter = el('p', { 'class': 'fk-filter', hidden: true });
    this.list = el('div', { 'class': 'fk-list' });
    this.more = el('button', { type: 'button', 'class': 'fk-more', text: this.t('more'), hidden: true,
      on: { click: function () { self.loadMore(); } } });
    this.status = el('p', { 'class': 'fk-status', role: 'status', 'aria-live': 'polite' });
    this.composer = el('div', { 'class': 'fk-composer' });
    [this.filter, this.list, this.more, this.status, this.composer].forEach(function (n) { self.box.appendChild(n); });
    this.root.appendChild(this.box);
  };

  Widget.prototype.effectiveTheme = function () {
    if (this.theme === 'dark' || this.theme === 'light') { return this.theme; }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  };

  /** 'light', 'dark' or 'auto' (the reader's prefers-color-scheme). */
  Widget.prototype.setTheme = function (theme) {
    this.theme = theme;
    this.box.setAttribute('data-theme', theme);
  };

  /** Changes options (locale, theme, pageSize) and draws the widget again. */
  Widget.prototype.update = function (options) {
    if (options.locale) { this.locale = localeOf(options.locale); }
    if (options.theme) { this.theme = options.theme; }
    if (options.pageSize) { this.pageSize = options.pageSize; }
    if (options.order) { this.order = String(options.order).toUpperCase(); }
    this.form = null;
    this.frame();
    return this.reload();
  };

  /** The page query; next is where the page starts: a floor, or in the most-supported order the cursor nextAfter. */
  Widget.prototype.query = function (next) {
    // one author's floors come oldest first (the API pages them by floor)
    var order = this.author ? 'OLDEST' : this.order;
    var position = next === null || next === undefined ? '' :
      (order === 'MOST_SUPPORTED' ? '&after=' + encodeURIComponent(next) : '&fromFloor=' + next);
    return 'order=' + order + '&size=' + this.pageSize + position +
      (this.author ? '&author=' + encodeURIComponent(this.author.id) : '');
  };

  Widget.prototype.reload = function () {
    var self = this;
    var request = this.author && this.topic ? this.api('GET', '/topics/' + this.topic.id + '?' + this.query())
      .then(function (page) { return { topic: self.topic, page: page, canComment: self.canComment, count: self.count, session: self.session }; })
      : this.api('GET', '/comments?key=' + encodeURIComponent(this.key) + '&' + this.query());
    return request.then(function (data) {
      self.topic = data.topic;
      self.session = data.session;
      self.canComment = data.canComment;
      self.formats = data.formats || self.formats || ['PLAIN'];
      self.maxBody = data.maxBodyLength || self.maxBody || 20000;
      self.setCount(data.count);
      self.list.textContent = '';
      self.renderPage(data.page);
      self.renderFilter();
      if (!self.form) { self.renderComposer(); }
      if (!self.shown && window.performance && performance.mark) {
        self.shown = true;
        performance.mark('forumkit-shown'); // the first comments on screen, for the benchmark notes
      }
      self.box.setAttribute('data-ready', 'true');
    }).catch(function (e) { self.say(self.explain(e), true); });
  };

  Widget.prototype.setCount = function (count) {
    this.count = count || 0;
    this.countLabel.textContent = fmt(this.t('count'), this.count);
    var key = this.key;
    Array.prototype.forEach.call(document.querySelectorAll('[data-forumkit-count]'), function (span) {
      if (span.getAttribute('data-forumkit-count') === key) { span.textContent = String(count || 0); }
    });
  };

  Widget.prototype.loadMore = function () {
    var self = this;
    this.more.disabled = true;
    this.api('GET', '/topics/' + this.topic.id + '?' + this.query(this.nextFrom)).then(function (page) {
      self.renderPage(page);
    }).catch(function (e) { self.say(self.explain(e), true); }).then(function () { self.more.disabled = false; });
  };

  Widget.prototype.renderPage = function (page) {
    var self = this;
    if (!page || page.posts.length === 0) {
      if (!this.list.firstChild) { this.list.appendChild(el('p', { 'class': 'fk-empty', text: this.t('empty') })); }
      this.more.hidden = true;
      return;
    }
    var empty = this.list.querySelector('.fk-empty');
    if (empty) { empty.remove(); }
    page.posts.forEach(function (post) { self.list.appendChild(self.renderPost(page, post)); });
    this.nextFrom = page.order === 'MOST_SUPPORTED' ? page.nextAfter : page.nextFromFloor;
    this.more.hidden = this.nextFrom === null || this.nextFrom === undefined;
  };

  Widget.prototype.initials = function (name) {
    var chars = Array.from(String(name || '?').trim());
    if (/^[A-Za-z]/.test(chars[0] || '')) {
      var words = String(name).trim().split(/\s+/);
      return (words[0][0] + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
    }
    return chars[0] || '?';
  };

  Widget.prototype.avatar = function (author) {
    var url = author.avatarUrl;
    if (url && (/^https?:\/\//i.test(url) || /^\/[^/]/.test(url))) {
      return el('img', { 'class': 'fk-avatar', src: url, alt: '', width: '36', height: '36', loading: 'lazy',
        referrerpolicy: 'no-referrer' });
    }
    var hue = 0;
    Array.from(String(author.id || author.displayName)).forEach(function (c) { hue = (hue * 31 + c.codePointAt(0)) % 360; });
    return el('span', { 'class': 'fk-avatar fk-initials', 'aria-hidden': 'true', style: '--fk-hue:' + hue,
      text: this.initials(author.displayName) });
  };

  Widget.prototype.time = function (iso) {
    var d = new Date(iso);
    var tag = this.locale === 'zh' ? 'zh-CN' : 'en';
    var exact = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit', timeZoneName: 'short' }).format(d);
    var seconds = Math.round((d.getTime() - Date.now()) / 1000);
    var units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
    var relative;
    var rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    for (var i = 0; i < units.length && !relative; i++) {
      if (Math.abs(seconds) >= units[i][1]) { relative = rtf.format(Math.round(seconds / units[i][1]), units[i][0]); }
    }
    return el('time', { datetime: iso, title: exact, text: relative || rtf.format(0, 'second') });
  };

  Widget.prototype.renderPost = function (page, post) {
    var self = this;
    var t = this.t.bind(this);
    var floorText = post.floor === 1 && this.locale === 'zh' ? t('opening') : fmt(t('floor'), post.floor);
    var nameId = this.id + '-name-' + post.floor;
    var head = el('div', { 'class': 'fk-meta' }, [
      this.avatar(post.author),
      el('span', { 'class': 'fk-who' }, [
        el('strong', { 'class': 'fk-author', id: nameId, text: post.author.displayName }), ' ', this.time(post.createdAt)]),
      el('span', { 'class': 'fk-floor', text: floorText })
    ]);
    var quotes = (post.quotes || []).map(function (q) {
      var source = page.quoteSources && page.quoteSources[String(q.sourcePostId)];
      var state = source && source.state !== 'VISIBLE' ? t('gone') : (source && source.revision > q.sourceRevision ? t('edited') : '');
      return el('blockquote', { 'class': 'fk-quote' }, [
        el('div', { 'class': 'fk-attribution', text: fmt(t('wrote'), q.sourceAuthor.displayName,
          new Date(q.sourcePostedAt).toLocaleString(self.locale === 'zh' ? 'zh-CN' : 'en')) + (state ? ' ' + state : '') }),
        el('div', { 'class': 'fk-excerpt', text: q.excerpt + (q.truncated ? ' …' : '') })
      ]);
    });
    var body = el('div', { 'class': 'fk-body' });
    if (post.state === 'DELETED') {
      body.textContent = t('deleted');
    } else {
      body.innerHTML = post.html; // rendered and made safe by Forumkit when the post was written
    }
    var node = el('article', { 'class': 'fk-post', id: 'fk-floor-' + post.floor, 'data-floor': String(post.floor),
      'aria-label': fmt(t('floorLabel'), post.floor, post.author.displayName) }, [head].concat(quotes).concat([body]));
    if (post.state !== 'DELETED') { node.appendChild(this.actions(page, post, node)); }
    return node;
  };

  Widget.prototype.actions = function (page, post, node) {
    var self = this;
    var t = this.t.bind(this);
    var mine = (page.myVotes && page.myVotes[String(post.id)]) || null;
    var state = { mine: mine, support: post.support, oppose: post.oppose };
    var queue = Promise.resolve();
    var inFlight = 0;
    var support = el('button', { type: 'button', 'class': 'fk-support' });
    var oppose = el('button', { type: 'button', 'class': 'fk-oppose' });
    var error = el('p', { 'class': 'fk-error', role: 'alert', hidden: true });
    function draw() {
      support.textContent = t('support') + ' ' + state.support;
      oppose.textContent = t('oppose') + ' ' + state.oppose;
      support.setAttribute('aria-pressed', String(state.mine === 'SUPPORT'));
      oppose.setAttribute('aria-pressed', String(state.mine === 'OPPOSE'));
      support.classList.toggle('fk-mine', state.mine === 'SUPPORT');
      oppose.classList.toggle('fk-mine', state.mine === 'OPPOSE');
    }
    draw();
    function vote(kind) {
      var before = { mine: state.mine, support: state.support, oppose: state.oppose };
      var wanted = state.mine === kind ? 'NONE' : kind;
      // optimistic: show the vote at once, take it back if the server refuses
      if (state.mine === 'SUPPORT') { state.support--; } else if (state.mine === 'OPPOSE') { state.oppose--; }
      if (wanted === 'SUPPORT') { state.support++; } else if (wanted === 'OPPOSE') { state.oppose++; }
      state.mine = wanted === 'NONE' ? null : wanted;
      error.hidden = true;
      draw();
      node.setAttribute('aria-busy', 'true');
      inFlight++;
      // one vote of this floor at a time, in the order clicked, so the server ends where the reader did
      queue = queue.then(function () {
        return self.api('PUT', '/posts/' + post.id + '/vote', { vote: wanted });
      }).then(function (change) {
        state.support = change.support; state.oppose = change.oppose;
        state.mine = change.after === 'NONE' || !change.after ? null : change.after;
        draw();
      }).catch(function (e) {
        state.mine = before.mine; state.support = before.support; state.oppose = before.oppose;
        draw();
        error.textContent = self.explain(e);
        error.hidden = false;
      }).then(function () {
        if (--inFlight === 0) { node.removeAttribute('aria-busy'); }
      });
    }
    support.addEventListener('click', function () { vote('SUPPORT'); });
    oppose.addEventListener('click', function () { vote('OPPOSE'); });
    var reply = el('button', { type: 'button', 'class': 'fk-reply', text: t('reply'), on: { click: function () {
      self.setQuote(post.floor);
    } } });
    var only = el('button', { type: 'button', 'class': 'fk-only', text: t('onlyAuthor'), on: { click: function () {
      self.author = post.author; self.reload();
    } } });
    var reportForm = this.reportForm(post, error);
    var report = el('button', { type: 'button', 'class': 'fk-report', text: t('report'), 'aria-expanded': 'false',
      'aria-controls': reportForm.id, on: { click: function () {
        reportForm.hidden = !reportForm.hidden;
        report.setAttribute('aria-expanded', String(!reportForm.hidden));
        if (!reportForm.hidden) { reportForm.querySelector('select').focus(); }
      } } });
    return el('div', { 'class': 'fk-actions' }, [
      el('div', { 'class': 'fk-buttons' }, [support, oppose, reply, report, this.author ? null : only]), reportForm, error]);
  };

  Widget.prototype.reportForm = function (post, error) {
    var self = this;
    var t = this.t.bind(this);
    var id = this.id + '-report-' + post.floor;
    var reason = el('select', { id: id + '-reason', name: 'reason' }, ['SPAM', 'ABUSE', 'OFF_TOPIC', 'OTHER'].map(function (r) {
      return el('option', { value: r, text: t(r) });
    }));
    var detail = el('input', { id: id + '-text', name: 'text', type: 'text', maxlength: '500' });
    var form = el('form', { 'class': 'fk-report-form', id: id, hidden: true }, [
      el('label', { 'for': id + '-reason', text: t('reason') }), reason,
      el('label', { 'for': id + '-text', text: t('detail') }), detail,
      el('button', { type: 'submit', text: t('sendReport') })]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = { reason: reason.value };
      if (detail.value.trim()) { body.text = detail.value; }
      self.api('POST', '/posts/' + post.id + '/reports', body).then(function () {
        form.hidden = true;
        error.hidden = true;
        self.say(t('reported'));
      }).catch(function (e) { error.textContent = self.explain(e); error.hidden = false; });
    });
    return form;
  };

  Widget.prototype.renderFilter = function () {
    var self = this;
    this.filter.textContent = '';
    this.filter.hidden = !this.author;
    this.sort.disabled = !!this.author; // the API pages one author's floors oldest first
    if (this.author) {
      this.filter.appendChild(document.createTextNode(fmt(this.t('onlyShowing'), this.author.displayName) + ' '));
      this.filter.appendChild(el('button', { type: 'button', 'class': 'fk-show-all', text: this.t('showAll'), on: { click: function () {
        self.author = null; self.reload();
      } } }));
    }
  };

  Widget.prototype.renderComposer = function () {
    var self = this;
    var t = this.t.bind(this);
    var decision = this.canComment || { allowed: false, reason: 'NOT_ALLOWED' };
    this.composer.textContent = '';
    this.form = null;
    if (!decision.allowed) {
      var text = decision.reason === 'LOGIN_REQUIRED' ? t('loginRequired') : (TEXTS[this.locale][decision.reason] || decision.reason);
      var children = [text + ' '];
      if (decision.reason === 'LOGIN_REQUIRED') {
        var login = new URL(LOGIN, this.base + '/');
        login.searchParams.set('next', location.pathname + location.search);
        children.push(el('a', { href: login.href, 'class': 'fk-sign-in', text: t('signIn') }));
      }
      this.composer.appendChild(el('p', { 'class': 'fk-login-required' }, children));
      return;
    }
    var id = this.id;
    this.quoteLabel = el('p', { 'class': 'fk-quoting', hidden: true });
    this.input = el('textarea', { 'class': 'fk-input', id: id + '-input', rows: '4', name: 'body',
      'aria-describedby': id + '-counter ' + id + '-error' });
    var counter = el('span', { 'class': 'fk-counter', id: id + '-counter', 'aria-live': 'polite' });
    var format = el('select', { id: id + '-format', name: 'format' }, this.formats.map(function (f) {
      return el('option', { value: f, text: t(f) });
    }));
    var error = el('p', { 'class': 'fk-error', id: id + '-error', role: 'alert', hidden: true });
    var preview = el('div', { 'class': 'fk-preview fk-body', hidden: true, 'aria-live': 'polite' });
    var previewButton = el('button', { type: 'button', 'class': 'fk-preview-button', 'aria-pressed': 'false', text: t('preview') });
    var submit = el('button', { type: 'submit', 'class': 'fk-submit', text: t('submit') });
    function count() {
      var n = codePoints(self.input.value);
      counter.textContent = fmt(t('counter'), n, self.maxBody);
      counter.classList.toggle('fk-over', n > self.maxBody);
    }
    function showError(message) {
      error.textContent = message || '';
      error.hidden = !message;
      if (message) { self.input.setAttribute('aria-invalid', 'true'); } else { self.input.removeAttribute('aria-invalid'); }
    }
    this.input.addEventListener('input', function () { count(); showError(null); });
    count();
    previewButton.addEventListener('click', function () {
      if (!preview.hidden) {
        preview.hidden = true; self.input.hidden = false; previewButton.textContent = t('preview');
        previewButton.setAttribute('aria-pressed', 'false'); self.input.focus();
        return;
      }
      self.api('POST', '/preview', { body: self.input.value, format: format.value, key: self.key }).then(function (answer) {
        preview.textContent = '';
        preview.innerHTML = answer.html; // rendered and made safe by Forumkit, as a post would be
        if (!answer.html) { preview.textContent = t('previewEmpty'); }
        preview.hidden = false; self.input.hidden = true; previewButton.textContent = t('edit');
        previewButton.setAttribute('aria-pressed', 'true');
        showError(null);
      }).catch(function (e) { showError(self.explain(e)); });
    });
    var form = el('form', { 'class': 'fk-form', novalidate: true }, [
      this.quoteLabel,
      el('label', { 'for': id + '-input', 'class': 'fk-label', text: t('yourComment') }),
      this.input, preview, error,
      el('div', { 'class': 'fk-form-row' }, [
        el('label', { 'for': id + '-format', text: t('format') }), format, counter,
        el('span', { 'class': 'fk-grow' }), previewButton, submit])]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = self.input.value;
      var quoted = self.quote;
      var body = { body: text, format: format.value };
      if (quoted) { body.quote = { floor: quoted }; }
      submit.disabled = true;
      submit.textContent = t('sending');
      showError(null);
      // optimistic: the comment shows at once as sent (its text as text, never as html) and the editor empties;
      // the server's post replaces it, or it goes and the text comes back to the editor with the reason
      var pending = self.pendingPost(text);
      self.input.value = '';
      count();
      preview.hidden = true; self.input.hidden = false; previewButton.textContent = t('preview');
      previewButton.setAttribute('aria-pressed', 'false');
      self.setQuote(null, true);
      self.api('POST', '/comments?key=' + encodeURIComponent(self.key), body).then(function (post) {
        self.say(fmt(t('posted'), post.floor));
        if (!self.topic) { // the thread's first comment: the page brings the new thread with it
          pending.remove();
          return self.reload();
        }
        var empty = self.list.querySelector('.fk-empty');
        if (empty) { empty.remove(); }
        pending.replaceWith(self.renderPost({ myVotes: {}, quoteSources: {} }, post));
        self.setCount(self.count + 1);
      }).catch(function (e) {
        pending.remove();
        if (!self.list.querySelector('.fk-post') && !self.list.querySelector('.fk-empty')) {
          self.list.appendChild(el('p', { 'class': 'fk-empty', text: t('empty') }));
        }
        self.input.value = text;
        count();
        if (quoted) { self.setQuote(quoted, true); }
        showError(self.explain(e));
        self.say(t('notPosted'), true);
      }).then(function () {
        submit.disabled = false;
        submit.textContent = t('submit');
        self.input.focus(); // back to the editor, whatever happened: the next comment, or this one mended
        var mine = self.list.querySelector('.fk-post:last-child');
        if (mine && self.order !== 'NEWEST') { mine.scrollIntoView({ block: 'nearest' }); }
      });
    });
    this.form = form;
    this.composer.appendChild(form);
  };

  /** Shows the quote being replied to; keepFocus leaves the focus where it is. */
  Widget.prototype.setQuote = function (floor, keepFocus) {
    var self = this;
    this.quote = floor;
    if (!this.quoteLabel) { return; }
    this.quoteLabel.textContent = '';
    this.quoteLabel.hidden = !floor;
    if (floor) {
      this.quoteLabel.appendChild(document.createTextNode(fmt(this.t('quoting'), floor) + ' '));
      this.quoteLabel.appendChild(el('button', { type: 'button', 'class': 'fk-cancel-quote', text: this.t('cancel'),
        on: { click: function () { self.setQuote(null); self.input.focus(); } } }));
      if (!keepFocus) { this.input.focus(); }
    }
  };

  /** A comment being sent, as the viewer wrote it: plain text (the server renders the real one), marked busy. */
  Widget.prototype.pendingPost = function (text) {
    var user = (this.session && this.session.user) || { id: '', displayName: '' };
    var node = el('article', { 'class': 'fk-post fk-pending', 'aria-busy': 'true',
      'aria-label': this.t('pending') + ' ' + (user.displayName || '') }, [
      el('div', { 'class': 'fk-meta' }, [this.avatar(user),
        el('span', { 'class': 'fk-who' }, [el('strong', { 'class': 'fk-author', text: user.displayName || '' })]),
        el('span', { 'class': 'fk-floor', text: this.t('pending') })]),
      el('div', { 'class': 'fk-body fk-pending-body', text: text })]);
    var empty = this.list.querySelector('.fk-empty');
    if (empty) { empty.remove(); }
    if (this.order === 'NEWEST' && !this.author) { this.list.insertBefore(node, this.list.firstChild); } else { this.list.appendChild(node); }
    return node;
  };

  Widget.prototype.say = function (text, isError) {
    this.status.textContent = text;
    this.status.classList.toggle('fk-status-error', !!isError);
  };

  /** Fills the count elements whose key no widget on the page shows, in one request. */
  function fillCounts(base) {
    var spans = Array.prototype.filter.call(document.querySelectorAll('[data-forumkit-count]'), function (span) {
      return !document.querySelector('[data-forumkit-key="' + CSS.escape(span.getAttribute('data-forumkit-count')) + '"]');
    });
    if (!spans.length) { return; }
    var keys = spans.map(function (s) { return s.getAttribute('data-forumkit-count'); }).slice(0, 50);
    fetch(base + API + '/comments/counts?' + keys.map(function (k) { return 'key=' + encodeURIComponent(k); }).join('&'),
      { credentials: 'include', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { counts: {} }; })
      .then(function (json) {
        spans.forEach(function (s) {
          var n = json.counts[s.getAttribute('data-forumkit-count')];
          if (n !== undefined) { s.textContent = String(n); }
        });
      }).catch(function () { /* a count is decoration: leave the element as the host wrote it */ });
  }

  var Forumkit = {
    /** Mounts a widget in el: options key (required unless el has data-forumkit-key), title, locale, theme, baseUrl, pageSize. */
    mount: function (element, options) {
      var widget = new Widget(element, options);
      widget.start();
      return widget;
    }
  };
  window.Forumkit = window.Forumkit || Forumkit;

  function boot() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-forumkit-key]'), function (host) {
      if (!host.forumkit) { Forumkit.mount(host); }
    });
    fillCounts(scriptUrl ? scriptUrl.origin : location.origin);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', boot); } else { boot(); }
})();
