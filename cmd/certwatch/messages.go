package main

// messages is every message the CLI prints at run time, by id, in Chinese
// and English (see lang.go). The two texts of an id take the same
// arguments in the same order.
var messages = map[string]struct{ zh, en string }{}
