-- Vetting once kept its own "bouncing since" per member until the list engine reported bounces.
-- The list engine does (list_member_delivery, read through IDeliveryHealth), so the column was
-- written by nothing and read by nobody.
ALTER TABLE member_vetting DROP COLUMN bouncing_since;
