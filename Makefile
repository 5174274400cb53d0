# gowx: make run serves the demo; make test runs every test.
GO       ?= go
GOBIN    := $(shell $(GO) env GOPATH)/bin
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
WASM     := web/app.wasm
SERVER   := bin/gowx
# The official jweixin 1.6.0: npm's jweixin-module@1.6.0 ships it as
# lib/index.js. Fetched and checked, never committed (.gitignore).
JWEIXIN        := web/jweixin-1.6.0.js
JWEIXIN_SHA256 := e30fa514a3275026bc240abf549e4bf3d27ddcc8ca09746d789f78c9077aac57

.PHONY: all run build wasm server jweixin optional-jweixin test tools vet test-native test-wasm test-e2e bench clean

all: build

build: optional-jweixin wasm server

# The official script, for WX_DEMO_SDK=official and the tests of the fake
# client under it. It fails, saying why, when the file cannot be had.
jweixin:
	@if [ -f $(JWEIXIN) ] && echo "$(JWEIXIN_SHA256)  $(JWEIXIN)" | sha256sum -c --status -; then exit 0; fi; \
	command -v npm >/dev/null 2>&1 || { echo "make jweixin: cannot fetch $(JWEIXIN): npm is not installed" >&2; exit 1; }; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	if ! (cd "$$tmp" && npm pack --silent jweixin-module@1.6.0 >npm.out 2>&1); then \
		echo "make jweixin: cannot fetch $(JWEIXIN): npm pack jweixin-module@1.6.0 failed:" >&2; cat "$$tmp/npm.out" >&2; exit 1; fi; \
	tar -xzf "$$tmp/jweixin-module-1.6.0.tgz" -C "$$tmp" package/lib/index.js && \
	if ! echo "$(JWEIXIN_SHA256)  $$tmp/package/lib/index.js" | sha256sum -c --status -; then \
		echo "make jweixin: jweixin-module@1.6.0's lib/index.js is not the pinned official build (sha256 differs); $(JWEIXIN) not written" >&2; exit 1; fi; \
	cp "$$tmp/package/lib/index.js" $(JWEIXIN) && echo "fetched $(JWEIXIN) (sha256 $(JWEIXIN_SHA256))"

# make and make run go on without the official script: the demo then
# serves the fake jWeixin whole.
optional-jweixin:
	@$(MAKE) --no-print-directory jweixin || echo "make: going on without $(JWEIXIN); WX_DEMO_SDK=official needs it (make jweixin)" >&2

# The page's program. -s -w drops debug data the browser never uses; the
# brotli and gzip copies beside it are what the server sends (by Accept-Encoding).
# Each is made again only when its inputs changed, so that a second make
# run on an unchanged tree serves at once: the programs depend on the
# sources they are built from (the fake's scripts are embedded), the
# compressed copies on app.wasm.
SOURCES := go.mod go.sum $(shell find app wx server internal -name '*.go' ! -name '*_test.go' -o -name '*.js' 2>/dev/null)

wasm: $(WASM) $(WASM).br $(WASM).gz

$(WASM): $(SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./app

# brotli -q 11 where the brotli command is installed, Go's brotli otherwise.
$(WASM).br $(WASM).gz &: $(WASM)
	$(GO) run ./internal/cmd/precompress $(WASM)

server: $(SERVER)

$(SERVER): $(SOURCES)
	$(GO) build -trimpath -o $(SERVER) ./app

# Demo mode unless WX_APPID is set; WX_ADDR (default localhost:8000) from the environment.
run: build
	./$(SERVER)

test: tools jweixin vet test-native test-wasm test-e2e

# What the tests need and a fresh machine lacks: Chromium, redis-server (the
# tests start their own, on a free loopback port), and the wasm test runner.
tools:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium; }
	@command -v redis-server >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends redis-server; }
	@test -x $(GOBIN)/wasmbrowsertest || $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0
	@test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends fonts-wqy-microhei; }

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wx/... ./app
	$(GO) vet -tags e2e ./e2e

test-native:
	$(GO) test -race -count=1 ./...

test-wasm:
	$(GO) run ./internal/cmd/wasmtest -count=1 ./wx/... ./internal/jsx

# Twice: on the fake jWeixin whole, and on the official jweixin-1.6.0.js
# over the fake WeChat client.
test-e2e:
	GOWX_E2E_SDK=fake $(GO) test -tags e2e -count=1 ./e2e/
	GOWX_E2E_SDK=official $(GO) test -tags e2e -count=1 ./e2e/

# The signing server against a bare net/http handler, on loopback: requests
# per second, their ratio, p50/p99 latency, upstream calls. Then the page in
# headless Chromium: app.wasm sizes, load to config:ok, a call's round trip
# against plain JavaScript.
bench: tools
	$(GO) run ./server/internal/cmd/signbench
	$(GO) run ./internal/cmd/pagebench

clean:
	rm -rf bin $(WASM) $(WASM).*
