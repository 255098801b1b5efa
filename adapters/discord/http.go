package discord

import (
	"bytes"
	"crypto/ed25519"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/internal/httpbody"
)

// MaxBodyBytes bounds the body of an interaction; larger ones get 413.
const MaxBodyBytes = 64 << 10

// maxSkew is how far an interaction's timestamp may be from now.
const maxSkew = 5 * time.Minute

// Handler serves POST /discord/interactions: Discord's HTTP interactions
// endpoint. The body is size-limited and its Ed25519 signature verified
// (and its timestamp checked) before it is parsed; a failure gets 401.
func Handler(r *Responder, key ed25519.PublicKey, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /discord/interactions", func(w http.ResponseWriter, req *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.Error("discord: panic in handler", "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		body, ok := httpbody.Read(w, req, MaxBodyBytes)
		if !ok {
			return
		}
		if !fresh(req.Header.Get("X-Signature-Timestamp"), time.Now()) {
			http.Error(w, "stale or missing timestamp", http.StatusUnauthorized)
			return
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		if len(key) != ed25519.PublicKeySize || !discordgo.VerifyInteraction(req, key) {
			log.Warn("discord: interaction refused: bad signature")
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		i, err := decodeInteraction(body)
		if err != nil {
			http.Error(w, "bad interaction", http.StatusBadRequest)
			return
		}
		out, err := encodeResponse(r.Respond(req.Context(), i))
		if err != nil {
			log.Error("discord: response not encoded", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(out)
	})
	return mux
}

// fresh reports whether a Unix timestamp in seconds is within maxSkew of now.
func fresh(ts string, now time.Time) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := now.Sub(time.Unix(sec, 0))
	return d < maxSkew && d > -maxSkew
}
