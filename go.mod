module github.com/gowx/gowx

go 1.26.0

require golang.org/x/sync v0.25.0

require github.com/hack-pad/safejs v0.1.1
