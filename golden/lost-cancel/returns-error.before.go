// The function returns only an error, which holds no context: the deferred cancel is safe
// even though the call that takes the context is returned.
package health

import (
	"context"
	"database/sql"
	"time"
)

// Ping gives the database two seconds to answer.
func Ping(parent context.Context, db *sql.DB) error {
	ctx, _ := context.WithTimeout(parent, 2*time.Second) // want "lost-cancel"
	return db.PingContext(ctx)
}
