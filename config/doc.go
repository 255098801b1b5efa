// Package config reads talkbot's settings and checks them. Only cmd/bot
// uses it: every other package takes its settings as arguments.
package config
