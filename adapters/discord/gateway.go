package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/adapters/internal/threads"
	"github.com/talkbot/talkbot/answer"
)

// Gateway answers over a discordgo session: interactions, and messages that
// mention the bot.
type Gateway struct {
	// Connected, when set, hears whether the gateway connection is up.
	Connected func(up bool)

	s       *discordgo.Session
	r       *Responder
	log     *slog.Logger
	appID   string
	guildID string
	threads *threads.Memory // the last answer in each conversation

	base atomic.Pointer[context.Context] // Run's context, for the handlers' work
	work sync.WaitGroup                  // answers still being sent
}

// ctx returns the context the handlers' work derives from: Run's, not
// canceled with it (an answer under way is finished), or the background
// before Run.
func (g *Gateway) ctx() context.Context {
	if c := g.base.Load(); c != nil {
		return context.WithoutCancel(*c)
	}
	return context.Background()
}

// Wait blocks until the answers under way are sent.
func (g *Gateway) Wait() { g.work.Wait() }

// RememberThreads keeps the last answer in up to size conversations (a
// DM, a thread, or a reply to one of the bot's answers), each for ttl, so
// that a message there may build on it. By default nothing is kept.
func (g *Gateway) RememberThreads(size int, ttl time.Duration) {
	g.threads = threads.New(size, ttl)
}

// NewGateway wires a responder to a session (not yet opened): it sets the
// intents it needs and reconnection, and adds its handlers. appID and
// guildID say where to register /talk (guildID empty: globally; appID
// empty: the application of the READY event).
func NewGateway(s *discordgo.Session, r *Responder, log *slog.Logger, appID, guildID string) *Gateway {
	g := &Gateway{s: s, r: r, log: log, appID: appID, guildID: guildID}
	s.ShouldReconnectOnError = true
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.AddHandler(g.onReady)
	s.AddHandler(g.onInteraction)
	s.AddHandler(g.onMessage)
	s.AddHandler(func(*discordgo.Session, *discordgo.Connect) { g.connected(true) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { g.connected(false) })
	return g
}

func (g *Gateway) connected(up bool) {
	if g.Connected != nil {
		g.Connected(up)
	}
}

// Run opens the session, registers the commands and serves until ctx ends.
func (g *Gateway) Run(ctx context.Context) error {
	g.base.Store(&ctx)
	if err := g.s.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	<-ctx.Done()
	return g.s.Close()
}

func (g *Gateway) onReady(s *discordgo.Session, ready *discordgo.Ready) {
	appID := g.appID
	if appID == "" && ready.Application != nil {
		appID = ready.Application.ID
	}
	g.log.Info("discord: connected", "user", ready.User.Username, "shard", s.ShardID, "shards", s.ShardCount)
	if err := Register(g.ctx(), s, appID, g.guildID); err != nil {
		g.log.Error("discord: command registration failed", "err", err)
	}
}

// Register overwrites the application's commands with /talk in one call:
// in one guild when guildID is set (instant), globally otherwise.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string) error {
	if appID == "" {
		return fmt.Errorf("no application ID (set DISCORD_APP_ID)")
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := s.ApplicationCommandBulkOverwrite(appID, guildID, Commands(), discordgo.WithContext(ctx))
	return err
}

func (g *Gateway) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	g.work.Add(1)
	defer g.work.Done()
	ctx, cancel := context.WithTimeout(g.ctx(), 3*time.Second)
	defer cancel()
	body, err := encodeResponse(g.r.Respond(ctx, ic.Interaction))
	if err != nil {
		g.log.Error("discord: response not encoded", "type", ic.Type, "err", err)
		return
	}
	endpoint := discordgo.EndpointInteractionResponse(ic.ID, ic.Token)
	if _, err := s.RequestWithBucketID(http.MethodPost, endpoint, json.RawMessage(body), endpoint, discordgo.WithContext(ctx)); err != nil {
		g.log.Error("discord: interaction response failed", "type", ic.Type, "err", err)
	}
}

var mentionRe = regexp.MustCompile(`<@!?\d+>`)

// onMessage answers a message that mentions the bot, as a reply to it.
func (g *Gateway) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	defer func() {
		if p := recover(); p != nil {
			g.log.Error("discord: panic answering a mention", "panic", p)
		}
	}()
	if m.Author == nil || m.Author.Bot || s.State == nil || s.State.User == nil {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		mentioned = mentioned || u.ID == s.State.User.ID
	}
	// In a DM every message is for the bot; elsewhere only those that
	// mention it, replies to its answers included (a reply mentions the
	// author it replies to unless the user turns that off).
	dm := m.GuildID == ""
	if !mentioned && !dm {
		return
	}
	// The conversation a message continues: the answer it replies to, or
	// the DM or thread it is in.
	conversation := ""
	if dm || g.isThread(s, m.ChannelID) {
		conversation = "channel/" + m.ChannelID
	}
	var last *answer.Turn
	if ref := m.MessageReference; ref != nil && ref.MessageID != "" {
		if t, ok := g.threads.Get("message/" + ref.MessageID); ok {
			last = &t
		}
	}
	if t, ok := g.threads.Get(conversation); ok && last == nil {
		last = &t
	}
	g.work.Add(1)
	defer g.work.Done()
	ctx, cancel := context.WithTimeout(g.ctx(), 10*time.Second)
	defer cancel()
	d, turn, remember := g.r.Mention(ctx, strings.TrimSpace(mentionRe.ReplaceAllString(m.Content, "")), last)
	sent, err := s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content: d.Content, Embeds: d.Embeds, Components: d.Components,
		AllowedMentions: noMentions, Reference: m.Reference(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		g.log.Error("discord: reply to mention failed", "channel", m.ChannelID, "err", err)
		return
	}
	if remember {
		g.threads.Put("message/"+sent.ID, turn)
		g.threads.Put(conversation, turn)
	}
}

// isThread reports whether the channel is a thread, as far as the
// session's state knows.
func (g *Gateway) isThread(s *discordgo.Session, channelID string) bool {
	ch, err := s.State.Channel(channelID)
	return err == nil && ch.IsThread()
}
