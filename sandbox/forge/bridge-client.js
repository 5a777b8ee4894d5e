/* global window, document, fetch, console, URL */
// The Custom UI bridge of the local Forge host: what Jira puts in a Custom UI iframe as `window.__bridge`, so that
// @forge/bridge's invoke, view and router calls reach the sandbox. The host prepends
// `window.__SANDBOX_FORGE_BRIDGE__ = {identity, context}` when it serves this file.
(function () {
  'use strict';
  var config = window.__SANDBOX_FORGE_BRIDGE__;
  var listeners = {};
  var flags = {};

  function invoke(request) {
    var url = '/__sandbox/invoke/' + encodeURIComponent(request.functionKey) + '?as=' + config.identity;
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: request.payload === undefined ? {} : request.payload }),
    })
      .then(function (res) {
        return res.json();
      })
      .then(function (answer) {
        if (answer.ok) return request.metadata ? { body: answer.body, metadata: {} } : answer.body;
        var error = new Error(answer.error.message);
        error.code = answer.error.code;
        throw error;
      });
  }

  function navigate(location) {
    var url = location.url;
    if (!url) {
      console.info('[forge sandbox] navigation to a product location is not emulated:', location);
      return Promise.resolve();
    }
    if (location.type === 'new-tab') window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
    return Promise.resolve();
  }

  function hashLocation() {
    var raw = window.location.hash.replace(/^#/, '') || '/';
    var url = new URL(raw, 'http://page.local');
    return {
      pathname: url.pathname,
      search: url.search,
      hash: url.hash,
      state: window.history.state,
      key: 'default',
    };
  }

  // Page-internal routing lives in the URL hash, so reloading the page keeps its place.
  function createHistory() {
    function go(to, state, replace) {
      var target = typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || '');
      window.history[replace ? 'replaceState' : 'pushState'](
        state === undefined ? null : state,
        '',
        '#' + target,
      );
      window.dispatchEvent(new window.PopStateEvent('popstate', { state: state }));
    }
    return {
      location: hashLocation(),
      action: 'POP',
      push: function (to, state) {
        go(to, state, false);
      },
      replace: function (to, state) {
        go(to, state, true);
      },
      go: function (delta) {
        window.history.go(delta);
      },
      back: function () {
        window.history.back();
      },
      forward: function () {
        window.history.forward();
      },
      listen: function (callback) {
        function onPop() {
          callback(hashLocation(), 'POP');
        }
        window.addEventListener('popstate', onPop);
        return function () {
          window.removeEventListener('popstate', onPop);
        };
      },
    };
  }

  function showFlag(options) {
    var flag = document.createElement('div');
    flag.setAttribute('role', options.type === 'error' || options.type === 'warning' ? 'alert' : 'status');
    flag.setAttribute('data-sandbox-flag', options.type);
    flag.textContent = [options.title, options.description].filter(Boolean).join(': ');
    document.body.appendChild(flag);
    flags[options.id] = flag;
    return Promise.resolve();
  }

  function closeFlag(options) {
    var flag = flags[options.id];
    if (flag) flag.remove();
    delete flags[options.id];
    return Promise.resolve();
  }

  function on(request) {
    (listeners[request.event] = listeners[request.event] || []).push(request.callback);
    return Promise.resolve({
      unsubscribe: function () {
        listeners[request.event] = (listeners[request.event] || []).filter(function (cb) {
          return cb !== request.callback;
        });
      },
    });
  }

  function emit(request) {
    (listeners[request.event] || []).forEach(function (cb) {
      cb(request.payload);
    });
    return Promise.resolve();
  }

  var calls = {
    invoke: invoke,
    getContext: function () {
      var context = JSON.parse(JSON.stringify(config.context));
      context.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      return Promise.resolve(context);
    },
    navigate: navigate,
    reload: function () {
      window.location.reload();
      return Promise.resolve();
    },
    createHistory: function () {
      return Promise.resolve(createHistory());
    },
    showFlag: showFlag,
    closeFlag: closeFlag,
    on: on,
    onPublic: on,
    emit: emit,
    emitPublic: emit,
    changeWindowTitle: function (title) {
      document.title = title;
      return Promise.resolve();
    },
    enableTheming: function () {
      document.documentElement.setAttribute('data-color-mode', 'light');
      return Promise.resolve();
    },
    emitReadyEvent: function () {
      return Promise.resolve();
    },
    emitFrontendCustomMetric: function () {
      return Promise.resolve(true);
    },
    // An admin page is a full page: it cannot be submitted, closed, opened or refreshed like a modal or macro.
    submit: function () {
      return Promise.resolve(false);
    },
    close: function () {
      return Promise.resolve(false);
    },
    open: function () {
      return Promise.resolve(false);
    },
    refresh: function () {
      return Promise.resolve(false);
    },
    onClose: function () {
      return Promise.resolve(false);
    },
  };

  window.__bridge = {
    callBridge: function (name, payload) {
      var call = calls[name];
      if (!call) {
        return Promise.reject(
          new Error(
            "The local Forge host does not emulate the bridge call '" +
              name +
              "' (sandbox/forge/bridge-client.js lists the calls it answers).",
          ),
        );
      }
      try {
        return Promise.resolve(call(payload));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
})();
