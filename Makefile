# gowx: make run serves the demo; make test runs every test.
GO       ?= go
GOBIN    := $(shell $(GO) env GOPATH)/bin
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WASM     := web/app.wasm
SERVER   := bin/gowx

.PHONY: all run build wasm server test tools vet test-native test-wasm test-e2e bench clean

all: build

build: wasm server

# The page's program. -s -w drops debug data the browser never uses; the
# brotli and gzip copies beside it are what the server sends (by Accept-Encoding).
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./app
	$(GO) run ./internal/cmd/precompress $(WASM)

server:
	$(GO) build -trimpath -o $(SERVER) ./app

# Demo mode unless WX_APPID is set; WX_ADDR (default localhost:8000) from the environment.
run: build
	./$(SERVER)

test: tools vet test-native test-wasm test-e2e

# What the tests need and a fresh machine lacks: Chromium, redis-server (the
# tests start their own, on a free loopback port), and the wasm test runner.
tools:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium; }
	@command -v redis-server >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends redis-server; }
	@test -x $(GOBIN)/wasmbrowsertest || $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wx/... ./app
	$(GO) vet -tags e2e ./e2e

test-native:
	$(GO) test -race -count=1 ./...

test-wasm:
	$(GO) run ./internal/cmd/wasmtest -count=1 ./wx/... ./internal/jsx

test-e2e:
	$(GO) test -tags e2e -count=1 ./e2e/

# The signing server against a bare net/http handler, on loopback: requests
# per second, their ratio, p50/p99 latency, upstream calls. Then the page in
# headless Chromium: app.wasm sizes, load to config:ok, a call's round trip
# against plain JavaScript.
bench: tools
	$(GO) run ./server/internal/cmd/signbench
	$(GO) run ./internal/cmd/pagebench

clean:
	rm -rf bin $(WASM) $(WASM).*
