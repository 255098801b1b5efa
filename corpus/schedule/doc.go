// Package schedule reads the conference schedules that pretalx, frab and
// Pentabarf publish: the JSON of pretalx and frab (schedule.json, the
// frab schema) and the XML all three write (schedule.xml), the newer
// layout with an ISO date per event and the older Pentabarf one with a day
// date and a day_change hour. Each event becomes a Talk: title, subtitle,
// speakers, track, type, room, start and end in the conference's time
// zone, language, page and links, its abstract and description as plain
// text, and the line of the export each comes from, for citations.
package schedule
