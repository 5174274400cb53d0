package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/store"
)

func ExampleNewFile() {
	dir, _ := os.MkdirTemp("", "gowx-state")
	defer os.RemoveAll(dir)

	s, err := store.NewFile(filepath.Join(dir, "state"))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	s.Save(ctx, "gowx:wxapp:ticket:jsapi", credential.Credential{Value: "ticket", Expiry: time.Now().Add(time.Hour)})

	// A restarted server finds what it fetched before.
	again, _ := store.NewFile(filepath.Join(dir, "state"))
	c, _ := again.Load(ctx, "gowx:wxapp:ticket:jsapi")
	fmt.Println(c.Value)
	// Output: ticket
}
