package lakehouse

// analytics is filled in with the Athena part.
func (s *Stack) analytics(cfg Config, lake *Lake) {}
