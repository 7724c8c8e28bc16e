// Lesson pages ship no framework: this small script only adds what needs the
// browser. Everything here is an enhancement; the page works without it.
(function () {
  "use strict";

  // Read aloud with the phone's own speech synthesis, shown only when a voice
  // for the lesson's language exists (many cheap phones have a Vietnamese one).
  var button = document.querySelector("[data-read-aloud]");
  var body = document.querySelector("[data-lesson-body]");
  var synth = window.speechSynthesis;
  if (button && body && synth && window.SpeechSynthesisUtterance) {
    var lang = button.getAttribute("data-lang") || "vi";
    var startLabel = button.innerHTML;
    var stopLabel = button.getAttribute("data-stop-label") || "Stop";
    var findVoice = function () {
      var voices = synth.getVoices();
      for (var i = 0; i < voices.length; i++) {
        if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) return voices[i];
      }
      return null;
    };
    var reading = false;
    var setup = function () {
      var voice = findVoice();
      if (!voice) return;
      button.hidden = false;
      button.onclick = function () {
        if (reading) {
          synth.cancel();
          done();
          return;
        }
        var title = document.querySelector("h1");
        var text = (title ? title.textContent + ". " : "") + body.innerText;
        // Short chunks: some Android voices stop after about 15 seconds of one utterance.
        var chunks = text.split(/(?<=[.!?:\n])\s+/).filter(Boolean);
        reading = true;
        button.innerHTML = stopLabel;
        chunks.forEach(function (chunk, i) {
          var u = new SpeechSynthesisUtterance(chunk);
          u.voice = voice;
          u.lang = voice.lang;
          u.rate = 0.9;
          if (i === chunks.length - 1) u.onend = done;
          synth.speak(u);
        });
      };
    };
    var done = function () {
      reading = false;
      button.innerHTML = startLabel;
    };
    synth.addEventListener && synth.addEventListener("voiceschanged", setup);
    setup();
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
  }

  // Stop a double tap on a slow connection from sending the quiz twice.
  var form = document.querySelector("[data-quiz-form]");
  if (form) {
    form.addEventListener("submit", function () {
      var submit = form.querySelector("button[type=submit]");
      if (submit) setTimeout(function () { submit.disabled = true; }, 0);
    });
  }
})();
