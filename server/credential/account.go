package credential

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// Account gives the access_token and tickets of one official account.
type Account struct {
	Token       *Cache
	JSAPITicket *Cache
	CardTicket  *Cache
	store       Store
}

// NewAccount returns the credentials of the account client logs in to, kept
// in store under keys prefixed with the AppID. A ticket fetch whose token
// WeChat rejects renews the token (see Cache.Renew) and tries once more.
func NewAccount(client *wechat.Client, store Store, o Options) *Account {
	o = o.withDefaults()
	prefix := "gowx:" + client.AppID + ":"
	a := &Account{store: store}
	named := func(name string) Options { o := o; o.Name = name; return o }
	a.Token = NewCache(prefix+"access_token", func(ctx context.Context) (Credential, error) {
		start := o.Now()
		var wc wechat.Credential
		var err error
		if o.StableToken {
			wc, err = client.StableAccessToken(ctx, false)
		} else {
			wc, err = client.AccessToken(ctx)
		}
		return fromWeChat(start, wc), err
	}, store, named("access_token"))
	ticket := func(typ wechat.TicketType) Fetch {
		return func(ctx context.Context) (Credential, error) {
			tok, err := a.Token.Credential(ctx)
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
	a.JSAPITicket = NewCache(prefix+"ticket:jsapi", ticket(wechat.TicketJSAPI), store, named("jsapi_ticket"))
	a.CardTicket = NewCache(prefix+"ticket:wx_card", ticket(wechat.TicketCard), store, named("card_ticket"))
	return a
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
		if p, ok := a.store.(Pinger); ok {
			a.Token.storeResult(p.Ping(ctx))
		}
		// The token first: the tickets' refreshes need it.
		for _, c := range []*Cache{a.Token, a.JSAPITicket, a.CardTicket} {
			c.Refresh(ctx) // failures are logged and backed off by the Cache
		}
	}
}

func fromWeChat(start time.Time, wc wechat.Credential) Credential {
	if wc.Value == "" {
		return Credential{}
	}
	return Credential{Value: wc.Value, Expiry: start.Add(wc.ExpiresIn)}
}
