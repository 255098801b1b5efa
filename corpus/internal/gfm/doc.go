// Package gfm parses the two GitHub Flavored Markdown extensions talk
// notes use, tables and strikethrough, into goldmark's extension nodes.
//
// It is goldmark's own parsing code for them (github.com/yuin/goldmark
// v1.8.7, extension/table.go and extension/strikethrough.go, MIT licence,
// copyright 2019 Yusuke Inuzuka; see LICENSE), without the HTML
// renderers. goldmark's extension package also holds the Linkify
// extension, whose regular expressions take that package's start-up to
// 0.26 MB of memory and three milliseconds; talkbot never renders HTML or
// links bare URLs, and every command pays for a package's start-up. Keep
// it in step with goldmark's when goldmark is upgraded.
package gfm
