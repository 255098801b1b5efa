// Package httpbody reads request bodies within a size limit, answering
// 413 or 400 when it cannot.
package httpbody

import (
	"errors"
	"io"
	"net/http"
)

// Read returns r's body, at most limit bytes. When it fails it has already
// answered: 413 for a body over the limit, 400 otherwise.
func Read(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err == nil {
		return body, true
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
	} else {
		http.Error(w, "cannot read request", http.StatusBadRequest)
	}
	return nil, false
}
