// Package console is the terminal adapter: a chat with the bot over an
// io.Reader and io.Writer, and the plain-text rendering of replies that the
// bot command prints.
package console
