/*
 * Lesson 1's explorer: a random line against the best line, on the static page.
 *
 * The chapter's code cell writes the points, their classes, the first random line
 * and the best line found by lessons_lib into a JSON block inside a
 * <div class="lesson-one-explorer">. This script draws them as SVG and makes the
 * "Generate random line" button and the "Show best line" checkbox work, with no
 * kernel and no network.
 *
 * The accuracy of a line is computed exactly as lessons_lib.lines.line_accuracy
 * computes it: in double precision, a point is predicted class 1 when
 * y > slope * x + intercept (strictly), and the accuracy is the number of correct
 * points divided by the number of points.
 *
 * Tests drive it through window.lessonOneExplorer.setLine(slope, intercept).
 */
(function () {
  "use strict";

  var PREFIX = "lesson-one-explorer";
  var SVG_NS = "http://www.w3.org/2000/svg";
  // The square the points live in, and the plot's size in SVG units.
  var LOW = -5;
  var HIGH = 5;
  var SIZE = 400;
  var MARGIN = { left: 44, right: 12, top: 12, bottom: 40 };
  var TICKS = [-4, -2, 0, 2, 4];

  /** Count the points a line classifies correctly (see the header). */
  function countCorrect(points, labels, slope, intercept) {
    var correct = 0;
    for (var i = 0; i < points.length; i++) {
      var above = points[i][1] > slope * points[i][0] + intercept ? 1 : 0;
      if (above === labels[i]) {
        correct += 1;
      }
    }
    return correct;
  }

  /** Format a number with two decimals and a real minus sign. */
  function fixed(value) {
    return value.toFixed(2).replace(/^-/, "\u2212");
  }

  function percent(accuracy) {
    return (accuracy * 100).toFixed(2) + "%";
  }

  function svgElement(name, attributes, parent) {
    var element = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) {
      element.setAttribute(key, attributes[key]);
    });
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  /** Map data coordinates to SVG coordinates. */
  function scaleX(x) {
    var width = SIZE - MARGIN.left - MARGIN.right;
    return MARGIN.left + ((x - LOW) / (HIGH - LOW)) * width;
  }

  function scaleY(y) {
    var height = SIZE - MARGIN.top - MARGIN.bottom;
    return MARGIN.top + ((HIGH - y) / (HIGH - LOW)) * height;
  }

  /** Draw the axes, the ticks and the points; return the layers for the lines. */
  function drawFrame(svg, data, clipId) {
    var frame = svgElement("g", { class: PREFIX + "-frame" }, svg);
    svgElement("rect", {
      x: scaleX(LOW), y: scaleY(HIGH),
      width: scaleX(HIGH) - scaleX(LOW), height: scaleY(LOW) - scaleY(HIGH),
      class: PREFIX + "-panel",
    }, frame);
    TICKS.forEach(function (tick) {
      var x = scaleX(tick);
      var y = scaleY(tick);
      svgElement("line", { x1: x, x2: x, y1: scaleY(LOW), y2: scaleY(LOW) + 5 }, frame);
      svgElement("line", { x1: scaleX(LOW) - 5, x2: scaleX(LOW), y1: y, y2: y }, frame);
      var label = String(tick).replace(/^-/, "\u2212");
      svgElement("text", { x: x, y: scaleY(LOW) + 18, "text-anchor": "middle" }, frame)
        .textContent = label;
      svgElement("text", { x: scaleX(LOW) - 8, y: y + 4, "text-anchor": "end" }, frame)
        .textContent = label;
    });
    svgElement("text", {
      x: (scaleX(LOW) + scaleX(HIGH)) / 2, y: SIZE - 6, "text-anchor": "middle",
    }, frame).textContent = "x";
    svgElement("text", {
      x: 10, y: (scaleY(LOW) + scaleY(HIGH)) / 2, "text-anchor": "middle",
    }, frame).textContent = "y";

    var clip = svgElement("clipPath", { id: clipId }, svg);
    svgElement("rect", {
      x: scaleX(LOW), y: scaleY(HIGH),
      width: scaleX(HIGH) - scaleX(LOW), height: scaleY(LOW) - scaleY(HIGH),
    }, clip);
    // The shaded region goes under the points, the lines over them.
    var under = svgElement("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    var dots = svgElement("g", { class: PREFIX + "-points" }, svg);
    data.points.forEach(function (point, i) {
      svgElement("circle", {
        cx: scaleX(point[0]).toFixed(2), cy: scaleY(point[1]).toFixed(2), r: 3.2,
        class: PREFIX + "-class-" + data.labels[i],
      }, dots);
    });
    var over = svgElement("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    return { under: under, over: over };
  }

  /** The polygon of the region above a line (the clip path trims it). */
  function regionAbove(slope, intercept) {
    var left = slope * LOW + intercept;
    var right = slope * HIGH + intercept;
    // A top edge above both ends of the line keeps the polygon simple.
    var top = Math.max(HIGH, left, right) + 1;
    return [
      [LOW, top], [HIGH, top], [HIGH, right], [LOW, left],
    ].map(function (corner) {
      return scaleX(corner[0]).toFixed(2) + "," + scaleY(corner[1]).toFixed(2);
    }).join(" ");
  }

  function placeLine(element, slope, intercept) {
    element.setAttribute("x1", scaleX(LOW));
    element.setAttribute("x2", scaleX(HIGH));
    element.setAttribute("y1", scaleY(slope * LOW + intercept));
    element.setAttribute("y2", scaleY(slope * HIGH + intercept));
  }

  function legend(root) {
    var list = document.createElement("ul");
    list.className = PREFIX + "-legend";
    [
      ["class-0", "class 0 (true)"],
      ["class-1", "class 1 (true)"],
      ["region", "predicted class 1"],
      ["random", "random line"],
      ["best", "best line"],
    ].forEach(function (entry) {
      var item = document.createElement("li");
      item.className = PREFIX + "-key-" + entry[0];
      var swatch = document.createElement("span");
      swatch.className = PREFIX + "-swatch";
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry[1]));
      list.appendChild(item);
    });
    root.appendChild(list);
    return list;
  }

  function Explorer(root, index) {
    var data = JSON.parse(root.querySelector("." + PREFIX + "-data").textContent);
    this.root = root;
    this.data = data;
    this.button = root.querySelector("." + PREFIX + "-new-line");
    this.checkbox = root.querySelector("." + PREFIX + "-show-best");
    this.readout = root.querySelector("." + PREFIX + "-readout");
    this.bestReadout = root.querySelector("." + PREFIX + "-best-readout");

    var plot = root.querySelector("." + PREFIX + "-plot");
    var svg = svgElement("svg", {
      viewBox: "0 0 " + SIZE + " " + SIZE, role: "img",
      "aria-label": "The " + data.points.length + " points coloured by their true " +
        "class, with the current random line and, if shown, the best line.",
    }, plot);
    var layers = drawFrame(svg, data, PREFIX + "-clip-" + index);
    this.region = svgElement("polygon", { class: PREFIX + "-region" }, layers.under);
    this.bestLine = svgElement("line", { class: PREFIX + "-best" }, layers.over);
    this.randomLine = svgElement("line", { class: PREFIX + "-random" }, layers.over);
    placeLine(this.bestLine, data.best_line.slope, data.best_line.intercept);
    this.legend = legend(plot);

    var self = this;
    this.button.addEventListener("click", function () { self.newLine(); });
    this.checkbox.addEventListener("change", function () { self.showBest(); });
    this.setLine(data.first_line.slope, data.first_line.intercept);
    this.showBest();
    root.setAttribute("data-ready", "true");
  }

  /** Draw a new line with slope and intercept uniform in the data's range. */
  Explorer.prototype.newLine = function () {
    var low = this.data.line_range[0];
    var high = this.data.line_range[1];
    var slope = low + Math.random() * (high - low);
    var intercept = low + Math.random() * (high - low);
    return this.setLine(slope, intercept);
  };

  /** Draw the line y = slope * x + intercept, show its accuracy, return it. */
  Explorer.prototype.setLine = function (slope, intercept) {
    var total = this.data.points.length;
    var correct = countCorrect(this.data.points, this.data.labels, slope, intercept);
    var accuracy = correct / total;
    placeLine(this.randomLine, slope, intercept);
    this.region.setAttribute("points", regionAbove(slope, intercept));
    this.readout.textContent = "Random line: slope " + fixed(slope) +
      ", intercept " + fixed(intercept) + ". Accuracy " + percent(accuracy) +
      " (" + correct + " of " + total + " points).";
    this.root.setAttribute("data-slope", String(slope));
    this.root.setAttribute("data-intercept", String(intercept));
    this.root.setAttribute("data-accuracy", String(accuracy));
    this.root.setAttribute("data-correct", String(correct));
    return {
      slope: slope, intercept: intercept, accuracy: accuracy,
      correct: correct, total: total, text: this.readout.textContent,
    };
  };

  /** Show or hide the best line, as the checkbox says. */
  Explorer.prototype.showBest = function () {
    var best = this.data.best_line;
    var shown = this.checkbox.checked;
    this.bestLine.style.display = shown ? "" : "none";
    this.legend.querySelector("." + PREFIX + "-key-best").style.display =
      shown ? "" : "none";
    this.bestReadout.textContent = shown
      ? "Best line (dashed): slope " + fixed(best.slope) + ", intercept " +
        fixed(best.intercept) + ". Accuracy " + percent(best.accuracy) + "."
      : "";
    this.root.setAttribute("data-best-shown", String(shown));
  };

  var instances = [];

  function start() {
    var roots = document.querySelectorAll("div." + PREFIX);
    Array.prototype.forEach.call(roots, function (root) {
      if (!root.hasAttribute("data-ready")) {
        instances.push(new Explorer(root, instances.length));
      }
    });
  }

  window.lessonOneExplorer = {
    instances: instances,
    countCorrect: countCorrect,
    /** Set the first explorer's line; returns its slope, intercept, accuracy. */
    setLine: function (slope, intercept) {
      return instances[0].setLine(Number(slope), Number(intercept));
    },
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
