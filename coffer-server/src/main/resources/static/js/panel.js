/*
 * Coffer panel: small progressive enhancements. Every page works without this file; the server validates
 * everything again. No build step, no dependencies.
 */
(function () {
  'use strict';

  // ---- passwords: the same policy as dev.coffer.server.identity.PasswordPolicy ----
  var LOWER = 'abcdefghijkmnopqrstuvwxyz';          // no l: easy to confuse with 1 and I when copied by hand
  var UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';           // no I, O
  var DIGIT = '23456789';                           // no 0, 1
  var SYMBOL = '!#%*+-=?@_';
  var GENERATED_LENGTH = 16;
  var MIN_LENGTH = 12;
  var MAX_LENGTH = 128;

  /** A uniformly random index below n, by rejection sampling (no modulo bias). */
  function randomBelow(n) {
    var limit = Math.floor(0x100000000 / n) * n;
    var buf = new Uint32Array(1);
    do { window.crypto.getRandomValues(buf); } while (buf[0] >= limit);
    return buf[0] % n;
  }

  function pick(chars) { return chars.charAt(randomBelow(chars.length)); }

  /** 16 characters with at least one lower, upper, digit and symbol, shuffled with Fisher-Yates. */
  function generatePassword() {
    var all = LOWER + UPPER + DIGIT + SYMBOL;
    var chars = [pick(LOWER), pick(UPPER), pick(DIGIT), pick(SYMBOL)];
    while (chars.length < GENERATED_LENGTH) { chars.push(pick(all)); }
    for (var i = chars.length - 1; i > 0; i--) {
      var j = randomBelow(i + 1);
      var t = chars[i]; chars[i] = chars[j]; chars[j] = t;
    }
    return chars.join('');
  }

  function classes(pw) {
    return (/\p{Ll}/u.test(pw) ? 1 : 0) + (/\p{Lu}/u.test(pw) ? 1 : 0) + (/\p{Nd}/u.test(pw) ? 1 : 0) +
      (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(pw) ? 1 : 0);
  }

  /** The rules the server applies, each with whether the password meets it. */
  function checkPassword(pw, login) {
    var lower = pw.toLowerCase();
    var loginLower = (login || '').toLowerCase();
    var length = Array.from(pw).length;   // code points, as the server counts
    return [
      { text: 'At least ' + MIN_LENGTH + ' characters', met: length >= MIN_LENGTH },
      { text: 'At most ' + MAX_LENGTH + ' characters', met: length <= MAX_LENGTH },
      { text: 'At least three of: lower-case letters, upper-case letters, digits, symbols', met: classes(pw) >= 3 },
      { text: 'Does not contain the login', met: loginLower.length < 3 || lower.indexOf(loginLower) < 0 }
    ];
  }

  function renderStrength(input) {
    var box = document.getElementById(input.getAttribute('data-strength'));
    if (!box) { return; }
    var loginInput = document.getElementById(input.getAttribute('data-login-field') || '');
    var list = box.querySelector('ul');
    var meter = box.querySelector('.strength-meter span');
    var label = box.querySelector('[data-role=verdict]');
    if (input.value === '') {
      // Every password field of the panel lets the server generate a password when it is left empty; a field whose
      // page already says so in a hint (data-role=empty-hint) does not say it twice.
      var field = input.closest('.field');
      var hinted = field && field.querySelector('[data-role=empty-hint]');
      meter.style.width = '0';
      label.textContent = hinted ? '' : 'Empty: Coffer generates a strong password when you save.';
      list.innerHTML = '';
      return;
    }
    var rules = checkPassword(input.value, loginInput ? loginInput.value : '');
    var met = rules.filter(function (r) { return r.met; }).length;
    var ok = met === rules.length;
    var score = ok ? Math.min(100, 55 + (input.value.length - MIN_LENGTH) * 8 + (classes(input.value) - 3) * 15) : met * 12;
    meter.style.width = Math.max(4, score) + '%';
    meter.className = !ok ? '' : (score >= 85 ? 'strong' : 'fair');
    label.textContent = !ok ? 'Not accepted yet' : (score >= 85 ? 'Strong' : 'Acceptable');
    list.innerHTML = '';
    rules.forEach(function (r) {
      var li = document.createElement('li');
      li.className = r.met ? 'met' : 'unmet';
      li.textContent = (r.met ? '\u2713 ' : '\u2717 ') + r.text;
      list.appendChild(li);
    });
  }

  function initPasswords() {
    document.querySelectorAll('input[data-strength]').forEach(function (input) {
      input.addEventListener('input', function () { renderStrength(input); });
      var loginInput = document.getElementById(input.getAttribute('data-login-field') || '');
      if (loginInput) { loginInput.addEventListener('input', function () { renderStrength(input); }); }
      renderStrength(input);
    });
    document.querySelectorAll('[data-generate-password]').forEach(function (button) {
      button.addEventListener('click', function () {
        var input = document.getElementById(button.getAttribute('data-generate-password'));
        input.value = generatePassword();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.focus();
      });
    });
    document.querySelectorAll('[data-toggle-password]').forEach(function (button) {
      button.addEventListener('click', function () {
        var input = document.getElementById(button.getAttribute('data-toggle-password'));
        var show = input.type === 'password';
        input.type = show ? 'text' : 'password';
        button.setAttribute('aria-pressed', show ? 'true' : 'false');
        button.setAttribute('aria-label', show ? 'Hide password' : 'Show password');
        button.setAttribute('title', show ? 'Hide password' : 'Show password');
        button.querySelector('.eye-open').classList.toggle('is-hidden', show);
        button.querySelector('.eye-closed').classList.toggle('is-hidden', !show);
      });
    });
  }

  // ---- quota widgets: Unlimited tick box, number field, -/+ buttons ----
  // A limit with data-max (what the customer has left) stops + there and says at once when a typed value is over it
  // or when Unlimited is ticked although the customer's own quota is limited. The server checks the same again.
  function checkLimit(limit) {
    var out = limit.querySelector('[data-role=live-error]');
    var line = limit.querySelector('.limit-line');
    if (!out || !line) { return; }
    var max = limit.getAttribute('data-max');
    var unit = limit.getAttribute('data-unit') || '';
    var box = line.querySelector('input[type=checkbox][data-role=unlimited]');
    var number = line.querySelector('input[type=number]');
    var message = '';
    if (max !== null && max !== '') {
      var m = parseInt(max, 10);
      var v = parseInt(number.value, 10);
      if (box && box.checked) {
        message = 'cannot be unlimited: your own quota is limited and ' + m + ' ' + unit + ' are left';
      } else if (!isNaN(v) && v > m) {
        message = 'exceeds what you have left: ' + m + ' ' + unit + ' are left';
      }
    }
    out.textContent = message;
    out.hidden = message === '';
    limit.classList.toggle('has-live-error', message !== '');
  }

  function describeLimit(limit) {
    var line = limit.querySelector('.limit-line');
    var box = line.querySelector('input[type=checkbox][data-role=unlimited]');
    var number = line.querySelector('input[type=number]');
    var unit = limit.getAttribute('data-unit') || '';
    if (box && box.checked) { return 'Unlimited'; }
    return number.value === '' ? 'not set' : number.value + (unit === 'devices' ? '' : ' ' + unit);
  }

  function refreshSummary(details) {
    var out = details.querySelector('[data-role=summary]');
    if (!out) { return; }
    var parts = [];
    details.querySelectorAll(':scope > .quota-cell').forEach(function (cell) {
      var l = cell.querySelector(':scope > .limit');
      if (l) { parts.push(cell.getAttribute('data-label') + ': ' + describeLimit(l)); }
    });
    out.textContent = parts.join(' \u00b7 ');
  }

  function initLimits() {
    document.querySelectorAll('.limit').forEach(function (limit) {
      var max = limit.getAttribute('data-max');
      var first = limit.querySelector('.limit-line input[type=number]');
      if (first && max !== null && max !== '') { first.max = max; }
    });
    document.querySelectorAll('.limit-line').forEach(function (line) {
      var box = line.querySelector('input[type=checkbox][data-role=unlimited]');
      var number = line.querySelector('input[type=number]');
      var buttons = line.querySelectorAll('.stepper button');
      var limit = line.closest('.limit');
      var details = line.closest('details.quota-kind');
      if (!number) { return; }
      function changed() {
        if (limit && line.parentElement === limit) { checkLimit(limit); }
        if (details) { refreshSummary(details); }
      }
      function sync(byUser) {
        var unlimited = box && box.checked;
        number.disabled = unlimited;
        buttons.forEach(function (b) { b.disabled = unlimited; });
        if (unlimited && number.value !== '') { number.setAttribute('data-last', number.value); }
        // An empty field the page starts with stays empty (nothing handed out until typed); unticking fills it in.
        if (byUser && !unlimited && number.value === '') { number.value = number.getAttribute('data-last') || '0'; }
        changed();
      }
      if (box) { box.addEventListener('change', function () { sync(true); }); }
      number.addEventListener('input', changed);
      buttons.forEach(function (b) {
        b.addEventListener('click', function () {
          var step = parseInt(b.getAttribute('data-step'), 10);
          var current = parseInt(number.value, 10);
          if (isNaN(current)) { current = 0; }
          var max = number.max === '' ? Infinity : parseInt(number.max, 10);
          number.value = String(Math.min(max, Math.max(0, current + step)));
          number.dispatchEvent(new Event('input', { bubbles: true }));
        });
      });
      sync(false);
    });
    // Each device type's limits are a summary line on a phone; on a wider screen they are all open at once.
    if (window.matchMedia && window.matchMedia('(min-width: 761px)').matches) {
      document.querySelectorAll('details.quota-kind').forEach(function (d) { d.open = true; });
    }
  }

  // ---- copy buttons on code blocks (commands, checksums) ----
  function initCodeCopy() {
    document.querySelectorAll('pre.command, [data-copy-code]').forEach(function (block, i) {
      if (!block.id) { block.id = 'code-block-' + i; }
      var wrap = document.createElement('div');
      wrap.className = 'copyable';
      block.parentNode.insertBefore(wrap, block);
      wrap.appendChild(block);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn small copy-code';
      button.textContent = 'Copy';
      button.setAttribute('data-copy', block.id);
      button.setAttribute('aria-label', 'Copy: ' + block.textContent.trim().slice(0, 60));
      wrap.appendChild(button);
    });
  }

  // ---- copy buttons for secrets shown once ----
  function initCopy() {
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var source = document.getElementById(button.getAttribute('data-copy'));
        var text = source.value !== undefined && source.tagName === 'INPUT' ? source.value : source.textContent;
        var done = function () {
          var old = button.getAttribute('data-label') || button.textContent;
          button.setAttribute('data-label', old);
          button.textContent = 'Copied';
          setTimeout(function () { button.textContent = old; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(source, text); done(); });
        } else {
          fallbackCopy(source, text);
          done();
        }
      });
    });
  }

  function fallbackCopy(source, text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'absolute';
    area.style.left = '-9999px';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* the text stays visible for copying by hand */ }
    document.body.removeChild(area);
  }

  // ---- My Backup: a click anywhere on a row selects its user ----
  function initRowSelection() {
    document.querySelectorAll('table[data-select-rows]').forEach(function (table) {
      var assign = document.querySelector(table.getAttribute('data-select-rows'));
      function refresh() {
        var checked = table.querySelector('input[type=radio]:checked');
        table.querySelectorAll('tr.selectable').forEach(function (tr) {
          tr.classList.toggle('selected', tr.contains(checked));
        });
        if (assign) {
          var row = checked ? checked.closest('tr') : null;
          var hasService = row && row.getAttribute('data-has-service') === 'true';
          assign.disabled = !checked || hasService;
          assign.title = hasService ? 'This user already has the service: use Manage' : '';
        }
      }
      table.querySelectorAll('tr.selectable').forEach(function (tr) {
        tr.addEventListener('click', function (e) {
          if (e.target.closest('a, button')) { return; }
          var radio = tr.querySelector('input[type=radio]');
          if (radio) { radio.checked = true; refresh(); }
        });
      });
      table.addEventListener('change', refresh);
      refresh();
    });
  }

  // ---- forms that ask before doing something drastic ----
  function initConfirm() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
  }

  window.CofferPanel = { generatePassword: generatePassword, checkPassword: checkPassword };

  document.addEventListener('DOMContentLoaded', function () {
    initPasswords();
    initLimits();
    initCodeCopy();
    initCopy();
    initRowSelection();
    initConfirm();
  });
})();
