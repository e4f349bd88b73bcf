/*
 * Forumkit comments widget: plain JavaScript, no build step. Embed with
 *   <div data-forumkit-key="article-42" data-forumkit-title="…"></div>
 *   <script src="https://forum.example/forumkit/forumkit.js" defer></script>
 * It reads and writes through the forum's JSON API on the script's own origin, sends the host's (Spring Security)
 * CSRF token with every write, and adds its stylesheet (forumkit.css beside the script) unless the page has it.
 */
(function () {
  'use strict';
  var API = '/api'; // replaced with forumkit.api.base-path when served
  var LOGIN = '/login'; // replaced with forumkit.widget.login-url when served
  var script = document.currentScript;
  var scriptUrl = script ? new URL(script.src, document.baseURI) : null;
  var base = scriptUrl ? scriptUrl.origin : '';
  if (scriptUrl) {
    var css = new URL('forumkit.css', scriptUrl).href;
    if (!document.querySelector('link[href="' + css + '"]')) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = css;
      document.head.appendChild(link);
    }
  }
  var zh = (document.documentElement.lang || navigator.language || 'zh').toLowerCase().indexOf('zh') === 0;
  var T = zh ? {
    empty: '还没有评论，来抢沙发吧。', more: '加载更多', support: '支持', oppose: '反对', reply: '回复',
    submit: '发表评论', quoting: '引用 {0}# 楼', cancel: '取消', signIn: '登录', wrote: '{0} 发表于 {1}',
    edited: '原帖已编辑。', gone: '原帖已删除。', deleted: '该帖已被删除。', floor: '{0}#', opening: '楼主',
    failed: '出错了：', loginRequired: '您需要登录后才可以回帖'
  } : {
    empty: 'No comments yet. Be the first!', more: 'Load more', support: 'Support', oppose: 'Oppose',
    reply: 'Reply', submit: 'Post comment', quoting: 'Quoting #{0}', cancel: 'Cancel', signIn: 'Sign in',
    wrote: '{0} wrote at {1}', edited: 'The quoted post has been edited since.',
    gone: 'The quoted post has been deleted.', deleted: 'This comment was deleted.', floor: '#{0}',
    opening: '#1', failed: 'Something went wrong: ', loginRequired: 'You need to sign in before you can comment'
  };

  function fmt(text) {
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d)\}/g, function (m, i) { return String(args[+i]); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function time(iso) {
    var d = new Date(iso);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate() + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  function api(method, path, body, session) {
    var init = { method: method, credentials: 'include', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      if (session && session.csrfToken) { init.headers[session.csrfHeader || 'X-CSRF-TOKEN'] = session.csrfToken; }
      init.body = JSON.stringify(body);
    }
    return fetch(base + API + path, init).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) { var e = new Error(json.message || json.error); e.body = json; throw e; }
        return json;
      });
    });
  }

  function Widget(root) {
    this.root = root;
    this.key = root.getAttribute('data-forumkit-key');
    this.title = root.getAttribute('data-forumkit-title') || this.key;
    this.quote = null;
    this.nextFrom = null;
    root.classList.add('forumkit');
    this.list = el('div', { 'class': 'fk-comments' });
    this.moreButton = el('button', { type: 'button', 'class': 'fk-more', text: T.more });
    this.moreButton.hidden = true;
    this.status = el('p', { 'class': 'fk-status', role: 'status' });
    this.composer = el('div', { 'class': 'fk-composer' });
    root.appendChild(this.list);
    root.appendChild(this.moreButton);
    root.appendChild(this.status);
    root.appendChild(this.composer);
    this.moreButton.addEventListener('click', this.loadMore.bind(this));
  }

  Widget.prototype.start = function () {
    var self = this;
    return api('GET', '/session').then(function (session) {
      self.session = session;
      return self.reload();
    }).catch(this.fail.bind(this));
  };

  Widget.prototype.reload = function () {
    var self = this;
    this.list.textContent = '';
    return api('GET', '/comments?key=' + encodeURIComponent(this.key)).then(function (data) {
      self.topic = data.topic;
      self.renderPage(data.page);
      self.renderComposer(data.canComment);
    });
  };

  Widget.prototype.loadMore = function () {
    var self = this;
    api('GET', '/topics/' + this.topic.id + '?fromFloor=' + this.nextFrom + '&size=20')
      .then(function (page) { self.renderPage(page); }).catch(this.fail.bind(this));
  };

  Widget.prototype.renderPage = function (page) {
    if (!page || page.posts.length === 0) {
      if (!this.list.firstChild) { this.list.appendChild(el('p', { 'class': 'fk-empty', text: T.empty })); }
      this.moreButton.hidden = true;
      return;
    }
    var empty = this.list.querySelector('.fk-empty');
    if (empty) { empty.remove(); }
    var self = this;
    page.posts.forEach(function (post) { self.list.appendChild(self.renderPost(page, post)); });
    this.nextFrom = page.nextFromFloor;
    this.moreButton.hidden = page.nextFromFloor === null || page.nextFromFloor === undefined;
  };

  Widget.prototype.renderPost = function (page, post) {
    var self = this;
    var mine = page.myVotes[String(post.id)] || null;
    var head = el('div', { 'class': 'fk-meta' }, [
      el('span', { 'class': 'fk-floor', text: post.floor === 1 ? T.opening : fmt(T.floor, post.floor) }),
      document.createTextNode(' '),
      el('strong', { 'class': 'fk-author', text: post.author.displayName }),
      document.createTextNode(' '),
      el('time', { datetime: post.createdAt, text: time(post.createdAt) })
    ]);
    var quotes = post.quotes.map(function (q) {
      var source = page.quoteSources[String(q.sourcePostId)];
      var state = !source || source.state !== 'VISIBLE' ? T.gone : (source.revision > q.sourceRevision ? T.edited : '');
      return el('blockquote', { 'class': 'fk-quote' }, [
        el('div', { 'class': 'fk-attribution', text: fmt(T.wrote, q.sourceAuthor.displayName, time(q.sourcePostedAt)) + (state ? ' ' + state : '') }),
        el('div', { 'class': 'fk-excerpt', text: q.excerpt + (q.truncated ? ' …' : '') })
      ]);
    });
    var body = el('div', { 'class': 'fk-body' });
    if (post.state === 'DELETED') {
      body.textContent = T.deleted;
    } else {
      body.innerHTML = post.html; // rendered and made safe by Forumkit when the post was written
    }
    var support = el('button', { type: 'button', 'class': 'fk-support' + (mine === 'SUPPORT' ? ' fk-mine' : '') });
    var oppose = el('button', { type: 'button', 'class': 'fk-oppose' + (mine === 'OPPOSE' ? ' fk-mine' : '') });
    function counts(s, o) {
      support.textContent = T.support + ' ' + s;
      oppose.textContent = T.oppose + ' ' + o;
    }
    counts(post.support, post.oppose);
    function vote(kind) {
      var current = support.classList.contains('fk-mine') ? 'SUPPORT' : oppose.classList.contains('fk-mine') ? 'OPPOSE' : null;
      var wanted = current === kind ? 'NONE' : kind;
      api('PUT', '/posts/' + post.id + '/vote', { vote: wanted }, self.session).then(function (change) {
        counts(change.support, change.oppose);
        support.classList.toggle('fk-mine', change.after === 'SUPPORT');
        oppose.classList.toggle('fk-mine', change.after === 'OPPOSE');
      }).catch(self.fail.bind(self));
    }
    support.addEventListener('click', function () { vote('SUPPORT'); });
    oppose.addEventListener('click', function () { vote('OPPOSE'); });
    var reply = el('button', { type: 'button', 'class': 'fk-reply', text: T.reply });
    reply.addEventListener('click', function () { self.setQuote(post.floor); });
    var actions = el('div', { 'class': 'fk-actions' }, post.state === 'DELETED' ? [] : [support, oppose, reply]);
    return el('div', { 'class': 'fk-post', id: 'fk-floor-' + post.floor, 'data-floor': String(post.floor) },
      [head].concat(quotes).concat([body, actions]));
  };

  Widget.prototype.renderComposer = function (decision) {
    var self = this;
    this.composer.textContent = '';
    if (!decision.allowed) {
      var text = (decision.reason === 'LOGIN_REQUIRED' ? T.loginRequired : decision.reason) + ' ';
      var link = el('a', { href: new URL(LOGIN, base || location.href).href + '?next=' + encodeURIComponent(location.pathname), text: T.signIn });
      this.composer.appendChild(el('p', { 'class': 'fk-login-required' }, [document.createTextNode(text), link]));
      return;
    }
    this.quoteLabel = el('p', { 'class': 'fk-quoting' });
    this.quoteLabel.hidden = true;
    var textarea = el('textarea', { 'class': 'fk-input', rows: '4' });
    var submit = el('button', { type: 'submit', 'class': 'fk-submit', text: T.submit });
    var form = el('form', { 'class': 'fk-form' }, [this.quoteLabel, textarea, submit]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var body = { body: textarea.value, title: self.title };
      if (self.quote) { body.quote = { floor: self.quote }; }
      submit.disabled = true;
      api('POST', '/comments?key=' + encodeURIComponent(self.key), body, self.session).then(function () {
        textarea.value = '';
        self.setQuote(null);
        self.status.textContent = '';
        return self.reload();
      }).catch(self.fail.bind(self)).then(function () { submit.disabled = false; });
    });
    this.composer.appendChild(form);
  };

  Widget.prototype.setQuote = function (floor) {
    this.quote = floor;
    if (!this.quoteLabel) { return; }
    this.quoteLabel.hidden = !floor;
    this.quoteLabel.textContent = floor ? fmt(T.quoting, floor) : '';
  };

  Widget.prototype.fail = function (error) {
    this.status.textContent = T.failed + (error && error.message ? error.message : error);
  };

  function boot() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-forumkit-key]'), function (root) {
      new Widget(root).start();
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', boot); } else { boot(); }
})();
