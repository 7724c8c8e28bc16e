-- Issue 20: the admin's member list (half a million for the country) is read in name order from an index.
CREATE INDEX "User_name_id_idx" ON "User"("name", "id");
