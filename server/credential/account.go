package credential

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// Account gives the access_token and tickets of one official account.
type Account struct {
	Token       *Cache
	JSAPITicket *Cache
	CardTicket  *Cache
	store       Store
	client      *wechat.Client // for the calls made with the token (Media)
}

// NewAccount returns the credentials of the account client logs in to,
// kept in store under keys of the form {gowx:<AppID>}:<upstream>:<name>:
// the upstream part is a hash of the client's base URL, so that records
// fetched from one upstream (a fake, a proxy) are never served for
// another; the braces are a Redis Cluster hash tag, putting every key of
// the account, locks included, in one slot.
//
// The three Caches back off together after the upstream fails (busy,
// unreachable): one schedule of retries for the account. A ticket fetch
// uses the token held while it is valid, and renews it only once it has
// expired, or when WeChat rejects it (see Cache.Renew), then tries once
// more. Renewing the token ahead of expiry is the part of KeepFresh, or of
// whoever asks for Token itself.
func NewAccount(client *wechat.Client, store Store, o Options) *Account {
	o = o.withDefaults()
	prefix := keyPrefix(client.AppID, client.BaseURL)
	a := &Account{store: store, client: client}
	sh := &shared{}
	cache := func(name, key string, fetch Fetch) *Cache {
		o := o
		o.Name = name
		return newCache(prefix+key, fetch, store, o, sh)
	}
	a.Token = cache("access_token", "access_token", func(ctx context.Context) (Credential, error) {
		start := o.Now()
		var wc wechat.Credential
		var err error
		if o.StableToken {
			wc, err = client.StableAccessToken(ctx, false)
		} else {
			wc, err = client.AccessToken(ctx)
		}
		return fromWeChat(start, wc), err
	})
	ticket := func(typ wechat.TicketType) Fetch {
		return func(ctx context.Context) (Credential, error) {
			tok, err := a.Token.valid(ctx)
			if err != nil {
				return Credential{}, fmt.Errorf("%s ticket needs the access_token: %w", typ, err)
			}
			start := o.Now()
			wc, err := client.Ticket(ctx, tok.Value, typ)
			if errors.Is(err, wechat.ErrTokenRejected) {
				if tok, err = a.Token.Renew(ctx, tok.Value); err != nil {
					return Credential{}, fmt.Errorf("%s ticket: renewing the rejected access_token: %w", typ, err)
				}
				wc, err = client.Ticket(ctx, tok.Value, typ)
			}
			return fromWeChat(start, wc), err
		}
	}
	a.JSAPITicket = cache("jsapi_ticket", "ticket:jsapi", ticket(wechat.TicketJSAPI))
	a.CardTicket = cache("card_ticket", "ticket:wx_card", ticket(wechat.TicketCard))
	return a
}

// keyPrefix is how the Store keys of the account appID, fetched
// from the API at baseURL (empty: WeChat's), begin: {gowx:<appID>}:<a
// hash of baseURL>:.
func keyPrefix(appID, baseURL string) string {
	if baseURL == "" {
		baseURL = wechat.DefaultBaseURL
	}
	sum := sha256.Sum256([]byte(strings.TrimRight(baseURL, "/")))
	return "{gowx:" + appID + "}:" + hex.EncodeToString(sum[:6]) + ":"
}

// Ticket returns a valid ticket of type typ.
func (a *Account) Ticket(ctx context.Context, typ wechat.TicketType) (Credential, error) {
	switch typ {
	case wechat.TicketJSAPI:
		return a.JSAPITicket.Credential(ctx)
	case wechat.TicketCard:
		return a.CardTicket.Credential(ctx)
	}
	return Credential{}, fmt.Errorf("credential: unknown ticket type %q", typ)
}

// Pinger is implemented by Stores that can tell whether they are reachable.
type Pinger interface {
	Ping(ctx context.Context) error
}

// CheckStore pings a Store that is a Pinger and reports the outcome as
// a Store operation: logged when the Store goes away or comes back, told
// to the Observer. Call it at start, so that an unusable Store shows at
// once rather than at the first refresh.
func (a *Account) CheckStore(ctx context.Context) {
	if p, ok := a.store.(Pinger); ok {
		a.Token.storeResult(p.Ping(ctx))
	}
}

// KeepFresh renews, every interval until ctx ends, the credentials that are
// held and about to expire, so that a quiet server does not let them lapse.
// It also pings a Store that is a Pinger, so that metrics and logs follow a
// shared store's outages even while everything is served from memory.
func (a *Account) KeepFresh(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		a.CheckStore(ctx)
		a.refreshDue(ctx)
	}
}

// refreshDue renews what is held and due, the token first: the tickets'
// refreshes need it.
func (a *Account) refreshDue(ctx context.Context) {
	for _, c := range []*Cache{a.Token, a.JSAPITicket, a.CardTicket} {
		c.Refresh(ctx) // failures are logged and backed off by the Cache
	}
}

func fromWeChat(start time.Time, wc wechat.Credential) Credential {
	if wc.Value == "" {
		return Credential{}
	}
	return Credential{Value: wc.Value, Expiry: start.Add(wc.ExpiresIn)}
}
