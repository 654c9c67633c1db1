// Shared helpers of the Selfheal dashboards: fetch JSON, render tables, poll. No framework, no network but
// the service's own API.
"use strict";
const selfheal = (() => {
  const escape = (value) => String(value ?? "").replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

  async function json(url, options) {
    const response = await fetch(url, options);
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || response.statusText);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  function table(element, rows, columns, onClick) {
    if (!rows || rows.length === 0) {
      element.innerHTML = `<p class="empty">${escape(element.dataset.empty || "Nothing yet.")}</p>`;
      return;
    }
    const head = columns.map((c) => `<th>${escape(c.label)}</th>`).join("");
    const body = rows.map((row, i) => {
      const cells = columns.map((c) => {
        const value = c.value(row);
        const html = c.html ? value : escape(value);
        return `<td class="${c.num ? "num" : ""}">${html}</td>`;
      }).join("");
      return `<tr data-index="${i}" class="${onClick ? "clickable" : ""}">${cells}</tr>`;
    }).join("");
    element.innerHTML = `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    if (onClick) {
      element.querySelectorAll("tbody tr").forEach((tr) =>
        tr.addEventListener("click", () => onClick(rows[Number(tr.dataset.index)])));
    }
  }

  const badge = (value) => `<span class="badge ${escape(value)}">${escape(value)}</span>`;
  const ms = (value) => (value == null ? "" : `${Number(value).toFixed(value < 10 ? 2 : 1)} ms`);
  const time = (value) => (value ? new Date(value).toLocaleString() : "");

  function poll(refresh, intervalMs) {
    const live = document.querySelector("header .live");
    const tick = async () => {
      try {
        await refresh();
        if (live) { live.textContent = `live · updated ${new Date().toLocaleTimeString()}`; live.classList.remove("stale"); }
      } catch (e) {
        if (live) { live.textContent = `not updating: ${e.message}`; live.classList.add("stale"); }
      }
    };
    tick();
    return setInterval(tick, intervalMs || 2000);
  }

  return { escape, json, table, badge, ms, time, poll };
})();
