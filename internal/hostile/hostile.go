// Package hostile lists the hostile questions every layer is tested with.
package hostile

import "strings"

// Questions are questions people (and attackers) send: empty,
// huge, broken encodings, control and invisible characters, emoji, only
// stop words, and every chat markup that could ping or link. Each must be
// answered or refused with a clear message, quickly, never with a panic
// and never with a live mention.
var Questions = []struct{ Name, Q string }{
	{"empty", ""},
	{"whitespace", " \t\n\r\u00a0\u2003 "},
	{"10,000 characters", strings.Repeat("gil ", 2500)},
	{"10,000 letters", strings.Repeat("a", 10000)},
	{"one word of 500 accented letters", strings.Repeat("é", 500)},
	{"one word of 500 CJK characters", strings.Repeat("語", 500)},
	{"a name 70 times", strings.Repeat("beazley ", 70)},
	{"show a word of 500 letters", "show " + strings.Repeat("x", 500)},
	{"speaker a name 70 times", "speaker " + strings.Repeat("beazley ", 70)},
	{"invalid UTF-8", "gil \xff\xfe\xfd threads \xc3\x28"},
	{"NUL and controls", "gil\x00\x01\x07\x1b[31m threads\x7f"},
	{"right-to-left", "\u202egil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"},
	{"zero-width", "g\u200bi\u200cl\u200d \ufeffthreads\u2060"},
	{"emoji", "🐍 gil 🔒 threads 👩‍💻🏳️‍🌈"},
	{"only stop words", "what is the of and to a"},
	{"slack broadcast", "<!channel> <!here> <!everyone> gil"},
	{"slack user and link", "<@U123> <#C123|general> <https://evil.example|click me> gil"},
	{"discord mentions", "@everyone @here <@123> <@!456> <@&789> <#1011> gil"},
	{"backquotes", "```gil``` `threads` ``` unclosed"},
	{"markup", "*bold* _it_ ~strike~ > quote [x](javascript:alert(1)) gil"},
	{"command words", "show <!channel>"},
	{"speaker with mention", "speaker @everyone"},
	{"event with mention", "event <!here>"},
	{"help topic", "help <@U1>"},
	{"html", "<script>alert(1)</script> gil &amp; &lt;"},
}
