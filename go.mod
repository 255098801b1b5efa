module github.com/talkbot/talkbot

go 1.26.8

require github.com/yuin/goldmark v1.8.7

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/kljensen/snowball v0.10.0 // indirect
	github.com/sahilm/fuzzy v0.1.3 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/text v0.43.0 // indirect
)
