/* global window, document, fetch, console, URL, URLSearchParams */
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
    var url = location.url || productUrl(location);
    if (!url) {
      console.info('[forge sandbox] navigation to a product location is not emulated:', location);
      return Promise.resolve();
    }
    if (location.type === 'new-tab') window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
    return Promise.resolve();
  }

  // Jira shows a full-page module at its page URL (config.pagePath: /jira/settings/apps/{appId}/{envId} for an admin
  // page, https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-admin-page) and keeps
  // the app's own route after it, so a reload or a pasted URL opens the same place. `?as=` is the sandbox's identity
  // switch, not part of Jira's URL: the app never sees it, and it is kept on every URL the page moves to.
  var SANDBOX_PARAM = 'as';
  var historyListeners = [];
  var historyKeys = 0;
  var watchingPops = false;

  // The product locations `router.navigate({target})` names that the sandbox knows the URL of.
  function productUrl(location) {
    if (location.target === 'issue' && location.issueKey) {
      return config.context.siteUrl + '/browse/' + encodeURIComponent(location.issueKey);
    }
    return null;
  }

  function appLocation() {
    var path = window.location.pathname;
    var route = path.indexOf(config.pagePath) === 0 ? path.slice(config.pagePath.length) : '';
    if (route.charAt(0) !== '/') route = '/' + route;
    var params = new URLSearchParams(window.location.search);
    params.delete(SANDBOX_PARAM);
    var search = params.toString();
    var entry = window.history.state || {};
    return {
      pathname: route,
      search: search ? '?' + search : '',
      hash: window.location.hash,
      state: entry.usr === undefined ? null : entry.usr,
      key: entry.key || 'default',
    };
  }

  function documentUrl(to) {
    var target = typeof to === 'string' ? new URL(to, 'http://page.local' + appLocation().pathname) : to;
    var pathname = target.pathname || '/';
    var params = new URLSearchParams(target.search || '');
    var as = new URLSearchParams(window.location.search).get(SANDBOX_PARAM);
    if (as) params.set(SANDBOX_PARAM, as);
    var search = params.toString();
    return (
      config.pagePath +
      (pathname === '/' ? '' : pathname) +
      (search ? '?' + search : '') +
      (target.hash || '')
    );
  }

  function notify(action) {
    var location = appLocation();
    historyListeners.slice().forEach(function (listener) {
      listener(location, action);
    });
  }

  // The history object a Custom UI page gets from `view.createHistory()`: the `history` v4 interface that
  // @forge/bridge types it as, whose listeners are called with (location, action).
  function createHistory() {
    if (window.location.pathname.indexOf(config.pagePath) !== 0) {
      window.history.replaceState(window.history.state, '', documentUrl(appLocation()));
    }
    function go(to, state, replace) {
      historyKeys += 1;
      var entry = { usr: state === undefined ? null : state, key: 'k' + historyKeys };
      window.history[replace ? 'replaceState' : 'pushState'](entry, '', documentUrl(to));
      history.action = replace ? 'REPLACE' : 'PUSH';
      history.location = appLocation();
      notify(history.action);
    }
    var history = {
      length: window.history.length,
      location: appLocation(),
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
      goBack: function () {
        window.history.back();
      },
      goForward: function () {
        window.history.forward();
      },
      back: function () {
        window.history.back();
      },
      forward: function () {
        window.history.forward();
      },
      createHref: function (location) {
        return documentUrl(location);
      },
      listen: function (listener) {
        historyListeners.push(listener);
        return function () {
          historyListeners = historyListeners.filter(function (l) {
            return l !== listener;
          });
        };
      },
    };
    historyListeners.push(function (location, action) {
      history.location = location;
      history.action = action;
    });
    if (!watchingPops) {
      window.addEventListener('popstate', function () {
        notify('POP');
      });
      watchingPops = true;
    }
    return history;
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
